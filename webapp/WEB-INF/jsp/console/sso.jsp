<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="sso.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body class="narrow">
<main>
  <h1><fmt:message key="sso.title"/></h1>
  <c:choose>
    <c:when test="${ssoSignedOut}">
      <p id="sso-signed-out"><fmt:message key="sso.signedOut"/></p>
    </c:when>
    <c:otherwise>
      <p class="error" role="alert" id="sso-denied"><fmt:message key="sso.denied.${ssoDenied}"><fmt:param><c:out value="${ssoUser}"/></fmt:param></fmt:message></p>
    </c:otherwise>
  </c:choose>
</main>
</body>
</html>
