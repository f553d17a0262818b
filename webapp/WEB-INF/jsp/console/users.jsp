<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="users.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="users.title"/></h1>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><c:out value="${error}"/></p>
  </c:if>
  <table id="users">
    <thead><tr><th><fmt:message key="field.username"/></th><th><fmt:message key="users.role"/></th><th><fmt:message key="users.lastLogin"/></th><th></th></tr></thead>
    <tbody>
    <c:forEach var="user" items="${users}">
      <tr>
        <td><c:out value="${user.username()}"/></td>
        <td><fmt:message key="role.${user.role().name()}"/></td>
        <td><c:out value="${user.lastLoginAt()}"/></td>
        <td>
          <c:if test="${user.id() != consoleSignedIn.userId()}">
            <form method="post" action="${pageContext.request.contextPath}/console/users/${user.id()}/delete" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <button type="submit" class="danger" id="delete-user-${user.id()}"><fmt:message key="users.delete"/></button>
            </form>
          </c:if>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <h2><fmt:message key="users.add"/></h2>
  <form method="post" action="${pageContext.request.contextPath}/console/users" id="add-user-form">
    <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
    <label for="username"><fmt:message key="field.username"/></label>
    <input id="username" name="username" required maxlength="100" autocomplete="off">
    <label for="password"><fmt:message key="field.password"/></label>
    <input id="password" name="password" type="password" required minlength="12" autocomplete="new-password">
    <label for="role"><fmt:message key="users.role"/></label>
    <select id="role" name="role">
      <option value="viewer"><fmt:message key="role.VIEWER"/></option>
      <option value="admin"><fmt:message key="role.ADMIN"/></option>
    </select>
    <button type="submit" id="add-user"><fmt:message key="users.add"/></button>
  </form>
</main>
<main>
  <h1><fmt:message key="sessions.title"/></h1>
  <table id="sessions">
    <thead><tr><th><fmt:message key="field.username"/></th><th><fmt:message key="sessions.address"/></th><th><fmt:message key="sessions.browser"/></th>
      <th><fmt:message key="sessions.lastSeen"/></th><th><fmt:message key="sessions.expires"/></th><th></th></tr></thead>
    <tbody>
    <c:forEach var="openSession" items="${sessions}">
      <tr>
        <td><c:out value="${openSession.username()}"/></td>
        <td><c:out value="${openSession.clientAddress()}"/></td>
        <td><c:out value="${openSession.userAgent()}"/></td>
        <td><c:out value="${openSession.lastSeenAt()}"/></td>
        <td><c:out value="${openSession.expiresAt()}"/></td>
        <td>
          <c:choose>
            <c:when test="${openSession.id() == currentSessionId}"><fmt:message key="sessions.current"/></c:when>
            <c:otherwise>
              <form method="post" action="${pageContext.request.contextPath}/console/users/sessions/${openSession.id()}/revoke" class="inline">
                <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
                <button type="submit" class="danger" id="revoke-session-${openSession.id()}"><fmt:message key="sessions.revoke"/></button>
              </form>
            </c:otherwise>
          </c:choose>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
</main>
</body>
</html>
