<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <c:if test="${flowStatus == 'pending'}"><meta http-equiv="refresh" content="2"></c:if>
  <title><fmt:message key="accounts.add"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
  <script src="${pageContext.request.contextPath}/static/console.js" defer></script>
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="accounts.add"/></h1>
  <c:choose>
    <c:when test="${flowStatus == 'pending'}">
      <p><fmt:message key="flow.enterCode"/></p>
      <p><a href="<c:out value='${flow.verificationUri()}'/>" target="_blank" rel="noopener noreferrer" id="verification-uri"><c:out value="${flow.verificationUri()}"/></a></p>
      <code class="user-code" id="user-code"><c:out value="${flow.userCode()}"/></code>
      <button type="button" data-copy="user-code"><fmt:message key="keys.copy"/></button>
      <p id="flow-status"><fmt:message key="flow.waiting"/></p>
    </c:when>
    <c:when test="${flowStatus == 'granted'}">
      <p id="flow-status"><fmt:message key="flow.granted"><fmt:param value="${accountId}"/></fmt:message></p>
      <p><a href="${pageContext.request.contextPath}/console/accounts" id="back-to-accounts"><fmt:message key="accounts.title"/></a></p>
    </c:when>
    <c:otherwise>
      <p class="error" id="flow-status"><fmt:message key="flow.${flowStatus}"/> <c:out value="${reason}"/></p>
      <p><a href="${pageContext.request.contextPath}/console/accounts"><fmt:message key="accounts.title"/></a></p>
    </c:otherwise>
  </c:choose>
</main>
</body>
</html>
