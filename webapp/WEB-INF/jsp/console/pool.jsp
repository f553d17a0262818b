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
        <button type="submit" id="save-pool"><fmt:message key="pool.save"/></button>
      </form>
    </c:when>
    <c:otherwise>
      <dl id="pool-settings">
        <dt><fmt:message key="pool.strategy"/></dt><dd><fmt:message key="pool.strategy.${strategy}"/></dd>
        <dt><fmt:message key="pool.stickiness"/></dt><dd><c:out value="${stickinessTtl}"/></dd>
        <dt><fmt:message key="pool.attempts"/></dt><dd>${maxAttempts}</dd>
      </dl>
    </c:otherwise>
  </c:choose>
</main>
</body>
</html>
