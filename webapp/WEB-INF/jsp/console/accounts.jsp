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
  <c:if test="${not empty errorKey}">
    <p class="error" role="alert" id="error"><fmt:message key="${errorKey}"/></p>
  </c:if>
  <c:if test="${not empty noticeKey}">
    <p class="notice" role="status" id="notice"><fmt:message key="${noticeKey}"><fmt:param value="${noticeId}"/></fmt:message></p>
  </c:if>
  <c:set var="admin" value="${consoleSignedIn.role().name() == 'ADMIN'}"/>
  <fmt:message key="accounts.name" var="nameLabel"/>
  <fmt:message key="accounts.priority" var="priorityLabel"/>
  <fmt:message key="accounts.weight" var="weightLabel"/>
  <div class="scroll">
  <table id="accounts">
    <thead><tr><th>#</th><th><fmt:message key="accounts.login"/></th><th><fmt:message key="accounts.type"/></th>
      <th><fmt:message key="accounts.status"/></th><th><fmt:message key="accounts.enabled"/></th>
      <th><fmt:message key="accounts.priority"/></th><th><fmt:message key="accounts.weight"/></th>
      <th><fmt:message key="accounts.live"/></th><th><fmt:message key="accounts.premiumQuota"/></th>
      <c:if test="${admin}"><th><fmt:message key="accounts.edit"/></th><th></th></c:if></tr></thead>
    <tbody>
    <c:forEach var="row" items="${rows}">
      <c:set var="account" value="${row.account()}"/>
      <tr data-account-id="${account.id()}">
        <td>${account.id()}</td>
        <td><c:out value="${account.login()}"/><c:if test="${not empty account.name()}"> (<c:out value="${account.name()}"/>)</c:if></td>
        <td><c:out value="${account.accountType()}"/></td>
        <td><c:out value="${account.status()}"/></td>
        <td><fmt:message key="yesNo.${account.enabled()}"/></td>
        <td class="priority">${account.priority()}</td>
        <td class="weight">${account.weight()}</td>
        <td class="live">
          <fmt:message key="accounts.inFlight"><fmt:param value="${account.inFlight()}"/></fmt:message>
          <c:if test="${not empty row.cooldownUntil()}"><br><span class="cooling"><fmt:message key="accounts.coolingUntil"><fmt:param value="${row.cooldownUntil()}"/></fmt:message></span></c:if>
          <c:if test="${not empty account.lastError()}"><br><span class="error"><c:out value="${row.lastErrorAt()}"/>: <c:out value="${account.lastError()}"/></span></c:if>
        </td>
        <td class="quota-cell">
          <c:set var="bar" value="${row.premium()}"/>
          <c:choose>
            <c:when test="${not empty bar}"><%@ include file="_quota.jspf" %></c:when>
            <c:otherwise><fmt:message key="quota.notKnown"/></c:otherwise>
          </c:choose>
          <c:if test="${not empty row.quotaUnavailable()}"><br><span class="muted"><fmt:message key="${row.quotaUnavailable()}"/></span></c:if>
        </td>
        <c:if test="${admin}">
          <td>
            <form method="post" action="${pageContext.request.contextPath}/console/accounts/${account.id()}/edit" class="inline row-edit">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <input name="name" id="name-${account.id()}" value="<c:out value='${account.name()}'/>" maxlength="100" aria-label="<c:out value='${nameLabel}'/>" placeholder="<c:out value='${nameLabel}'/>">
              <input name="priority" id="priority-${account.id()}" type="number" min="-1000000" max="1000000" value="${account.priority()}" aria-label="<c:out value='${priorityLabel}'/>">
              <input name="weight" id="weight-${account.id()}" type="number" min="1" max="100" value="${account.weight()}" aria-label="<c:out value='${weightLabel}'/>">
              <button type="submit" id="save-${account.id()}"><fmt:message key="accounts.save"/></button>
            </form>
          </td>
          <td>
            <form method="post" action="${pageContext.request.contextPath}/console/accounts/${account.id()}/${account.enabled() ? 'disable' : 'enable'}" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <button type="submit" id="toggle-${account.id()}"><fmt:message key="${account.enabled() ? 'accounts.disable' : 'accounts.enable'}"/></button>
            </form>
            <form method="post" action="${pageContext.request.contextPath}/console/accounts/${account.id()}/remove" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <label class="check"><input type="checkbox" name="confirm" id="confirm-${account.id()}"> <fmt:message key="accounts.confirm"/></label>
              <button type="submit" class="danger" id="remove-${account.id()}"><fmt:message key="accounts.remove"/></button>
            </form>
          </td>
        </c:if>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  </div>
  <p class="muted"><fmt:message key="accounts.liveExplain"/></p>
  <c:if test="${admin}">
    <h2><fmt:message key="accounts.add"/></h2>
    <div class="columns">
    <form method="post" action="${pageContext.request.contextPath}/console/accounts/device-flow" id="device-flow-form">
      <h3><fmt:message key="accounts.byDeviceFlow"/></h3>
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
    <form method="post" action="${pageContext.request.contextPath}/console/accounts/token" id="token-form" autocomplete="off">
      <h3><fmt:message key="accounts.byToken"/></h3>
      <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
      <label for="githubToken"><fmt:message key="accounts.githubToken"/></label>
      <input id="githubToken" name="githubToken" type="password" required autocomplete="off" spellcheck="false">
      <label for="tokenAccountType"><fmt:message key="accounts.type"/></label>
      <select id="tokenAccountType" name="tokenAccountType">
        <option value="individual">individual</option>
        <option value="business">business</option>
        <option value="enterprise">enterprise</option>
      </select>
      <label for="tokenEnterpriseHost"><fmt:message key="accounts.enterpriseHost"/></label>
      <input id="tokenEnterpriseHost" name="tokenEnterpriseHost" placeholder="github.example.com">
      <button type="submit" id="add-by-token"><fmt:message key="accounts.addByToken"/></button>
    </form>
    </div>
  </c:if>
</main>
</body>
</html>
