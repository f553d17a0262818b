<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="accounts.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="accounts.title"/></h1>
  <p class="warning" id="responsible-use"><fmt:message key="accounts.responsibleUse"/></p>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><c:out value="${error}"/></p>
  </c:if>
  <table id="accounts">
    <thead><tr><th>#</th><th><fmt:message key="accounts.login"/></th><th><fmt:message key="accounts.type"/></th>
      <th><fmt:message key="accounts.status"/></th><th><fmt:message key="accounts.enabled"/></th>
      <th><fmt:message key="accounts.priority"/></th><th><fmt:message key="accounts.weight"/></th><th></th></tr></thead>
    <tbody>
    <c:forEach var="account" items="${accounts}">
      <tr data-account-id="${account.id}">
        <td>${account.id}</td>
        <td><c:out value="${account.login}"/><c:if test="${not empty account.name}"> (<c:out value="${account.name}"/>)</c:if></td>
        <td><c:out value="${account.accountType}"/></td>
        <td><c:out value="${account.status}"/></td>
        <td><fmt:message key="yesNo.${account.enabled}"/></td>
        <td>${account.priority}</td>
        <td>${account.weight}</td>
        <td>
          <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
            <form method="post" action="${pageContext.request.contextPath}/console/accounts/${account.id}/${account.enabled ? 'disable' : 'enable'}" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <button type="submit" id="toggle-${account.id}"><fmt:message key="${account.enabled ? 'accounts.disable' : 'accounts.enable'}"/></button>
            </form>
            <form method="post" action="${pageContext.request.contextPath}/console/accounts/${account.id}/remove" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <label class="check"><input type="checkbox" name="confirm" id="confirm-${account.id}"> <fmt:message key="accounts.confirm"/></label>
              <button type="submit" class="danger" id="remove-${account.id}"><fmt:message key="accounts.remove"/></button>
            </form>
          </c:if>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
    <h2><fmt:message key="accounts.add"/></h2>
    <form method="post" action="${pageContext.request.contextPath}/console/accounts/device-flow" id="device-flow-form">
      <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
      <label for="accountType"><fmt:message key="accounts.type"/></label>
      <select id="accountType" name="accountType">
        <option value="individual">individual</option>
        <option value="business">business</option>
        <option value="enterprise">enterprise</option>
      </select>
      <label for="enterpriseHost"><fmt:message key="accounts.enterpriseHost"/></label>
      <input id="enterpriseHost" name="enterpriseHost" placeholder="github.example.com">
      <button type="submit" id="start-device-flow"><fmt:message key="accounts.startDeviceFlow"/></button>
    </form>
  </c:if>
</main>
</body>
</html>
