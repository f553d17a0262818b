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
  <h2><a href="${pageContext.request.contextPath}/console/accounts"><fmt:message key="nav.accounts"/></a></h2>
  <div class="tiles" id="account-health">
    <c:forEach var="group" items="${['up', 'cooling', 'failing', 'disabled']}">
      <c:set var="members" value="${group == 'up' ? summary.up() : group == 'cooling' ? summary.cooling() : group == 'failing' ? summary.failing() : summary.disabled()}"/>
      <section class="tile tile-${group}" id="accounts-${group}">
        <h3><fmt:message key="home.accounts.${group}"/></h3>
        <p class="count" id="count-${group}">${members.size()}</p>
        <ul>
          <c:forEach var="account" items="${members}">
            <li>#${account.id()} <c:out value="${account.login()}"/><c:if test="${not empty account.name()}"> (<c:out value="${account.name()}"/>)</c:if></li>
          </c:forEach>
        </ul>
      </section>
    </c:forEach>
  </div>
  <h2><fmt:message key="home.traffic"/></h2>
  <dl id="traffic">
    <dt><fmt:message key="home.requestsLastHour"/></dt>
    <dd><span id="requests-last-hour">${summary.requestsLastHour()}</span> <span class="muted"><fmt:message key="home.thisNode"/></span></dd>
    <dt><fmt:message key="home.tokensLastHour"/></dt>
    <dd id="tokens-last-hour"><c:choose>
      <c:when test="${empty tokensLastHour}"><fmt:message key="home.tokensUnavailable"/></c:when>
      <c:otherwise><fmt:message key="home.tokensLastHourValue"><fmt:param value="${tokensLastHour.inputTokens()}"/><fmt:param value="${tokensLastHour.outputTokens()}"/><fmt:param value="${tokensLastHour.requests()}"/></fmt:message></c:otherwise>
    </c:choose></dd>
  </dl>
  <h2><fmt:message key="home.recentErrors"/></h2>
  <c:choose>
    <c:when test="${empty errors}"><p id="recent-errors-none"><fmt:message key="home.noErrors"/></p></c:when>
    <c:otherwise>
      <table id="recent-errors">
        <thead><tr><th><fmt:message key="home.errorAt"/></th><th><fmt:message key="keys.account"/></th><th><fmt:message key="home.error"/></th></tr></thead>
        <tbody>
        <c:forEach var="error" items="${errors}">
          <tr><td><c:out value="${error.at()}"/></td><td>#${error.accountId()} <c:out value="${error.login()}"/></td><td><c:out value="${error.message()}"/></td></tr>
        </c:forEach>
        </tbody>
      </table>
    </c:otherwise>
  </c:choose>
  <h2><fmt:message key="home.pages"/></h2>
  <ul class="links" id="page-links">
    <li><a href="${pageContext.request.contextPath}/console/accounts"><fmt:message key="nav.accounts"/></a></li>
    <li><a href="${pageContext.request.contextPath}/console/usage"><fmt:message key="nav.usage"/></a></li>
    <li><a href="${pageContext.request.contextPath}/console/keys"><fmt:message key="nav.keys"/></a></li>
    <li><a href="${pageContext.request.contextPath}/console/models"><fmt:message key="nav.models"/></a></li>
    <li><a href="${pageContext.request.contextPath}/console/pool"><fmt:message key="nav.pool"/></a></li>
    <li><a href="${pageContext.request.contextPath}/console/setup-clients"><fmt:message key="nav.setupClients"/></a></li>
  </ul>
</main>
</body>
</html>
