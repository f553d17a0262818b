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
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="home.title"/></h1>
  <p><fmt:message key="home.comingSoon"/></p>
</main>
</body>
</html>
