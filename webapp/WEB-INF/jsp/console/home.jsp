<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="home.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<header>
  <strong>Copilot Gateway</strong>
  <span id="signed-in-as"><fmt:message key="home.signedInAs"><fmt:param><c:out value="${consoleSignedIn.username()}"/></fmt:param><fmt:param><fmt:message key="role.${consoleSignedIn.role().name()}"/></fmt:param></fmt:message></span>
  <form method="post" action="${pageContext.request.contextPath}/console/logout" class="inline">
    <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
    <button type="submit" id="sign-out"><fmt:message key="home.signOut"/></button>
  </form>
</header>
<main>
  <h1><fmt:message key="home.title"/></h1>
  <p><fmt:message key="home.comingSoon"/></p>
</main>
</body>
</html>
