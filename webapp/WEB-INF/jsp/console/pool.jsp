<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="pool.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="pool.title"/></h1>
  <p><fmt:message key="pool.explain"/></p>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><c:out value="${error}"/></p>
  </c:if>
  <c:choose>
    <c:when test="${consoleSignedIn.role().name() == 'ADMIN'}">
      <form method="post" action="${pageContext.request.contextPath}/console/pool" id="pool-form">
        <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
        <label for="strategy"><fmt:message key="pool.strategy"/></label>
        <select id="strategy" name="strategy">
          <c:forEach var="name" items="${strategies}">
            <option value="${name}" ${name == strategy ? 'selected' : ''}><fmt:message key="pool.strategy.${name}"/></option>
          </c:forEach>
        </select>
        <label for="stickinessTtl"><fmt:message key="pool.stickiness"/></label>
        <input id="stickinessTtl" name="stickinessTtl" value="<c:out value='${stickinessTtl}'/>" required>
        <label for="maxAttempts"><fmt:message key="pool.attempts"/></label>
        <input id="maxAttempts" name="maxAttempts" type="number" min="1" value="${maxAttempts}" required>
        <h2><fmt:message key="pool.pacing"/></h2>
        <label for="pacingInterval"><fmt:message key="pool.pacingInterval"/></label>
        <input id="pacingInterval" name="pacingInterval" value="<c:out value='${pacingInterval}'/>" required>
        <label for="pacingMode"><fmt:message key="pool.pacingMode"/></label>
        <select id="pacingMode" name="pacingMode">
          <c:forEach var="mode" items="${['wait', 'refuse']}">
            <option value="${mode}" ${mode == pacingMode ? 'selected' : ''}><fmt:message key="pool.pacingMode.${mode}"/></option>
          </c:forEach>
        </select>
        <label for="pacingMaxWait"><fmt:message key="pool.pacingMaxWait"/></label>
        <input id="pacingMaxWait" name="pacingMaxWait" value="<c:out value='${pacingMaxWait}'/>" required>
        <label for="pacingMaxQueue"><fmt:message key="pool.pacingMaxQueue"/></label>
        <input id="pacingMaxQueue" name="pacingMaxQueue" type="number" min="1" value="${pacingMaxQueue}" required>
        <h2><fmt:message key="pool.approval"/></h2>
        <label for="manualApproval"><fmt:message key="pool.manualApproval"/></label>
        <select id="manualApproval" name="manualApproval">
          <option value="false" ${manualApproval ? '' : 'selected'}><fmt:message key="pool.manualApproval.false"/></option>
          <option value="true" ${manualApproval ? 'selected' : ''}><fmt:message key="pool.manualApproval.true"/></option>
        </select>
        <label for="approvalTimeout"><fmt:message key="pool.approvalTimeout"/></label>
        <input id="approvalTimeout" name="approvalTimeout" value="<c:out value='${approvalTimeout}'/>" required>
        <button type="submit" id="save-pool"><fmt:message key="pool.save"/></button>
      </form>
    </c:when>
    <c:otherwise>
      <dl id="pool-settings">
        <dt><fmt:message key="pool.strategy"/></dt><dd><fmt:message key="pool.strategy.${strategy}"/></dd>
        <dt><fmt:message key="pool.stickiness"/></dt><dd><c:out value="${stickinessTtl}"/></dd>
        <dt><fmt:message key="pool.attempts"/></dt><dd>${maxAttempts}</dd>
        <dt><fmt:message key="pool.pacingInterval"/></dt><dd><c:out value="${pacingInterval}"/></dd>
        <dt><fmt:message key="pool.pacingMode"/></dt><dd><fmt:message key="pool.pacingMode.${pacingMode}"/></dd>
        <dt><fmt:message key="pool.pacingMaxWait"/></dt><dd><c:out value="${pacingMaxWait}"/></dd>
        <dt><fmt:message key="pool.pacingMaxQueue"/></dt><dd>${pacingMaxQueue}</dd>
        <dt><fmt:message key="pool.manualApproval"/></dt><dd><fmt:message key="pool.manualApproval.${manualApproval}"/></dd>
        <dt><fmt:message key="pool.approvalTimeout"/></dt><dd><c:out value="${approvalTimeout}"/></dd>
      </dl>
    </c:otherwise>
  </c:choose>
</main>
</body>
</html>
