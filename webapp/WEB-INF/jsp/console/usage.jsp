<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="usage.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="usage.title"/></h1>
  <p><fmt:message key="usage.explain"/></p>
  <p class="muted" id="usage-records-note"><fmt:message key="usage.recordsNote"/></p>
  <c:if test="${empty rows}"><p id="no-accounts"><fmt:message key="usage.noAccounts"/></p></c:if>
  <c:forEach var="row" items="${rows}">
    <section class="usage-account" id="usage-${row.id()}" data-account-id="${row.id()}">
      <h2>#${row.id()} <c:out value="${row.login()}"/><c:if test="${not empty row.name()}"> (<c:out value="${row.name()}"/>)</c:if></h2>
      <c:choose>
        <c:when test="${not empty row.unavailable()}">
          <p class="error unavailable"><fmt:message key="quota.unavailable"/> <fmt:message key="${row.unavailable()}"/></p>
        </c:when>
        <c:otherwise>
          <dl class="plan">
            <dt><fmt:message key="usage.plan"/></dt><dd class="plan-name"><c:out value="${empty row.plan() ? '-' : row.plan()}"/></dd>
            <dt><fmt:message key="usage.resets"/></dt><dd class="reset-date"><c:out value="${empty row.resetDate() ? '-' : row.resetDate()}"/></dd>
            <dt><fmt:message key="usage.askedAt"/></dt><dd><c:out value="${row.askedAt()}"/></dd>
          </dl>
          <table class="quotas">
            <thead><tr><th><fmt:message key="usage.quota"/></th><th><fmt:message key="usage.left"/></th></tr></thead>
            <tbody>
            <c:forEach var="bar" items="${row.quotas()}">
              <tr class="quota-${bar.id()}">
                <td><c:choose><c:when test="${bar.named()}"><fmt:message key="quota.name.${bar.id()}"/></c:when><c:otherwise><c:out value="${bar.id()}"/></c:otherwise></c:choose></td>
                <td><%@ include file="_quota.jspf" %></td>
              </tr>
            </c:forEach>
            </tbody>
          </table>
        </c:otherwise>
      </c:choose>
    </section>
  </c:forEach>
</main>
</body>
</html>
