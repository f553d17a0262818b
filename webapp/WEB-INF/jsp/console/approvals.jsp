<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="approvals.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
  <script src="${pageContext.request.contextPath}/static/console.js" defer></script>
</head>
<body>
<%@ include file="_nav.jspf" %>
<%-- console.js re-reads the list from the admin API every 2 s (data-approvals) and redraws the rows from the template. --%>
<main data-approvals="${pageContext.request.contextPath}/admin/api/approvals" data-csrf="<c:out value='${consoleSignedIn.csrfToken()}'/>">
  <h1><fmt:message key="approvals.title"/></h1>
  <p id="approvals-mode"><fmt:message key="${manualApproval ? 'approvals.explainOn' : 'approvals.explainOff'}"/></p>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><c:out value="${error}"/></p>
  </c:if>
  <table id="approvals">
    <thead><tr><th><fmt:message key="approvals.time"/></th><th><fmt:message key="approvals.expires"/></th>
      <th><fmt:message key="approvals.key"/></th><th><fmt:message key="approvals.owner"/></th><th><fmt:message key="approvals.ingress"/></th>
      <th><fmt:message key="approvals.model"/></th><th><fmt:message key="approvals.stream"/></th><th><fmt:message key="approvals.from"/></th><th></th></tr></thead>
    <tbody>
    <c:forEach var="pending" items="${approvals}">
      <tr data-id="<c:out value='${pending.id()}'/>">
        <td><c:out value="${pending.time()}"/></td>
        <td><c:out value="${pending.expiresAt()}"/></td>
        <td><c:out value="${pending.request().keyPrefix()}"/></td>
        <td><c:out value="${pending.request().owner()}"/></td>
        <td><c:out value="${pending.request().ingress()}"/></td>
        <td><c:out value="${pending.request().model()}"/></td>
        <td><fmt:message key="yesNo.${pending.request().stream()}"/></td>
        <td><c:out value="${pending.request().remoteAddress()}"/></td>
        <td>
          <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
            <form method="post" action="${pageContext.request.contextPath}/console/approvals" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <input type="hidden" name="id" value="<c:out value='${pending.id()}'/>">
              <button type="submit" name="decision" value="approve" id="approve-<c:out value='${pending.id()}'/>"><fmt:message key="approvals.approve"/></button>
              <button type="submit" name="decision" value="deny" class="danger" id="deny-<c:out value='${pending.id()}'/>"><fmt:message key="approvals.deny"/></button>
            </form>
          </c:if>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <p id="approvals-none" ${empty approvals ? '' : 'hidden'}><fmt:message key="approvals.none"/></p>
  <template id="approval-row">
    <tr>
      <td data-field="time"></td><td data-field="expiresAt"></td><td data-field="keyPrefix"></td><td data-field="owner"></td>
      <td data-field="ingress"></td><td data-field="model"></td>
      <td data-field="stream" data-yes="<fmt:message key='yesNo.true'/>" data-no="<fmt:message key='yesNo.false'/>"></td>
      <td data-field="remoteAddress"></td>
      <td>
        <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
          <form method="post" action="${pageContext.request.contextPath}/console/approvals" class="inline">
            <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
            <input type="hidden" name="id" value="">
            <button type="submit" name="decision" value="approve" data-id-prefix="approve-"><fmt:message key="approvals.approve"/></button>
            <button type="submit" name="decision" value="deny" class="danger" data-id-prefix="deny-"><fmt:message key="approvals.deny"/></button>
          </form>
        </c:if>
      </td>
    </tr>
  </template>
</main>
</body>
</html>
