<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="setup.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body class="narrow">
<main>
  <%@ include file="_language.jspf" %>
  <h1><fmt:message key="setup.title"/></h1>
  <p><fmt:message key="setup.explain"/></p>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><fmt:message key="${error}"/></p>
  </c:if>
  <form method="post" action="${pageContext.request.contextPath}/console/setup">
    <label for="adminKey"><fmt:message key="field.adminKey"/></label>
    <input id="adminKey" name="adminKey" type="password" autocomplete="off" required>
    <label for="username"><fmt:message key="field.username"/></label>
    <input id="username" name="username" autocomplete="username" required value="<c:out value='${username}'/>">
    <label for="password"><fmt:message key="field.password"/></label>
    <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
    <button type="submit" id="create-admin"><fmt:message key="setup.submit"/></button>
  </form>
</main>
</body>
</html>
