<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="keys.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
  <script src="${pageContext.request.contextPath}/static/console.js" defer></script>
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="keys.title"/></h1>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><c:out value="${error}"/></p>
  </c:if>
  <c:if test="${not empty createdKey}">
    <section class="notice" id="created">
      <p><fmt:message key="keys.createdOnce"><fmt:param><c:out value="${createdName}"/></fmt:param></fmt:message></p>
      <code id="created-key"><c:out value="${createdKey}"/></code>
      <button type="button" data-copy="created-key" id="copy-key"><fmt:message key="keys.copy"/></button>
    </section>
  </c:if>
  <table id="keys">
    <thead><tr>
      <th><fmt:message key="keys.name"/></th><th><fmt:message key="keys.prefix"/></th><th><fmt:message key="keys.owner"/></th>
      <th><fmt:message key="keys.account"/></th><th><fmt:message key="keys.state"/></th><th><fmt:message key="keys.lastUsed"/></th>
      <th><fmt:message key="keys.limits"/></th><th><fmt:message key="keys.models"/></th><th></th>
    </tr></thead>
    <tbody>
    <c:forEach var="key" items="${keys}">
      <tr data-key-id="${key.id()}">
        <td><c:out value="${key.name()}"/></td>
        <td><code><c:out value="${key.prefix()}"/>…</code></td>
        <td><c:out value="${key.owner()}"/></td>
        <td><c:choose><c:when test="${empty key.accountId()}"><fmt:message key="keys.pool"/></c:when><c:otherwise>#${key.accountId()}</c:otherwise></c:choose></td>
        <td><fmt:message key="keys.state.${key.state().name()}"/></td>
        <td><c:out value="${key.lastUsedAt()}"/></td>
        <c:set var="limits" value="${key.limits()}"/>
        <td class="key-limits">
          <c:if test="${not limits.any()}"><fmt:message key="keys.noLimits"/></c:if>
          <c:if test="${not empty limits.requestsPerMinute()}"><span><fmt:message key="keys.perMinute"><fmt:param value="${limits.requestsPerMinute()}"/></fmt:message></span></c:if>
          <c:if test="${not empty limits.tokensPerDay()}"><span><fmt:message key="keys.perDay"><fmt:param value="${limits.tokensPerDay()}"/></fmt:message></span></c:if>
          <c:if test="${not empty limits.concurrentRequests()}"><span><fmt:message key="keys.atOnce"><fmt:param value="${limits.concurrentRequests()}"/></fmt:message></span></c:if>
        </td>
        <td class="key-models">
          <c:choose>
            <c:when test="${empty key.models()}"><fmt:message key="keys.allModels"/></c:when>
            <c:otherwise><c:forEach var="model" items="${key.models()}" varStatus="at"><code><c:out value="${model}"/></code><c:if test="${not at.last}">, </c:if></c:forEach></c:otherwise>
          </c:choose>
        </td>
        <td>
          <c:if test="${consoleSignedIn.role().name() == 'ADMIN' and key.state().name() == 'ACTIVE'}">
            <details class="row-edit">
              <summary id="change-limits-${key.id()}"><fmt:message key="keys.changeLimits"/></summary>
              <form method="post" action="${pageContext.request.contextPath}/console/keys/${key.id()}/limits" id="limits-form-${key.id()}">
                <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
                <label for="rpm-${key.id()}"><fmt:message key="keys.requestsPerMinute"/></label>
                <input id="rpm-${key.id()}" name="requestsPerMinute" type="number" min="1" value="${limits.requestsPerMinute()}">
                <label for="tpd-${key.id()}"><fmt:message key="keys.tokensPerDay"/></label>
                <input id="tpd-${key.id()}" name="tokensPerDay" type="number" min="1" value="${limits.tokensPerDay()}">
                <label for="concurrent-${key.id()}"><fmt:message key="keys.concurrentRequests"/></label>
                <input id="concurrent-${key.id()}" name="concurrentRequests" type="number" min="1" value="${limits.concurrentRequests()}">
                <label for="models-${key.id()}"><fmt:message key="keys.allowedModels"/></label>
                <input id="models-${key.id()}" name="models" value="<c:forEach var='model' items='${key.models()}' varStatus='at'><c:out value='${model}'/><c:if test='${not at.last}'>, </c:if></c:forEach>">
                <button type="submit" id="save-limits-${key.id()}"><fmt:message key="keys.save"/></button>
              </form>
            </details>
            <form method="post" action="${pageContext.request.contextPath}/console/keys/${key.id()}/revoke" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <button type="submit" class="danger" id="revoke-${key.id()}"><fmt:message key="keys.revoke"/></button>
            </form>
          </c:if>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
    <h2><fmt:message key="keys.create"/></h2>
    <form method="post" action="${pageContext.request.contextPath}/console/keys" id="create-key-form">
      <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
      <label for="name"><fmt:message key="keys.name"/></label>
      <input id="name" name="name" required maxlength="100">
      <label for="owner"><fmt:message key="keys.owner"/></label>
      <input id="owner" name="owner" maxlength="200">
      <label for="accountId"><fmt:message key="keys.account"/></label>
      <select id="accountId" name="accountId">
        <option value=""><fmt:message key="keys.pool"/></option>
        <c:forEach var="account" items="${accounts}">
          <option value="${account.id}">#${account.id} <c:out value="${account.login}"/></option>
        </c:forEach>
      </select>
      <label for="expiresInDays"><fmt:message key="keys.expiresInDays"/></label>
      <input id="expiresInDays" name="expiresInDays" type="number" min="1">
      <label for="requestsPerMinute"><fmt:message key="keys.requestsPerMinute"/></label>
      <input id="requestsPerMinute" name="requestsPerMinute" type="number" min="1">
      <label for="tokensPerDay"><fmt:message key="keys.tokensPerDay"/></label>
      <input id="tokensPerDay" name="tokensPerDay" type="number" min="1">
      <label for="concurrentRequests"><fmt:message key="keys.concurrentRequests"/></label>
      <input id="concurrentRequests" name="concurrentRequests" type="number" min="1">
      <label for="models"><fmt:message key="keys.allowedModels"/></label>
      <input id="models" name="models" maxlength="20000" placeholder="gpt-4.1, claude-sonnet-4.6">
      <button type="submit" id="create-key"><fmt:message key="keys.create"/></button>
    </form>
  </c:if>
</main>
</body>
</html>
