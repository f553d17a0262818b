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
  <form method="get" action="${pageContext.request.contextPath}/console/usage" class="usage-filter" id="usage-filter">
    <label><fmt:message key="usage.filter.key"/><input type="text" name="keyId" id="filter-keyId" value="<c:out value='${filter.keyId}'/>"></label>
    <label><fmt:message key="usage.filter.account"/><input type="text" name="accountId" id="filter-accountId" value="<c:out value='${filter.accountId}'/>"></label>
    <label><fmt:message key="usage.filter.model"/><input type="text" name="model" id="filter-model" value="<c:out value='${filter.model}'/>"></label>
    <label><fmt:message key="usage.filter.from"/><input type="text" name="from" id="filter-from" placeholder="2026-12-01" value="<c:out value='${filter.from}'/>"></label>
    <label><fmt:message key="usage.filter.to"/><input type="text" name="to" id="filter-to" placeholder="2026-12-31" value="<c:out value='${filter.to}'/>"></label>
    <button type="submit" id="apply-filter"><fmt:message key="usage.filter.apply"/></button>
    <a href="${pageContext.request.contextPath}/console/usage" id="clear-filter"><fmt:message key="usage.filter.clear"/></a>
  </form>
  <c:choose>
  <c:when test="${not empty badFilter}">
    <p class="error" id="bad-filter"><fmt:message key="usage.badFilter"><fmt:param><fmt:message key="usage.filter.${badFilter}"/></fmt:param></fmt:message></p>
  </c:when>
  <c:otherwise>
  <section id="usage-records">
    <h2><fmt:message key="usage.records"/></h2>
    <p class="muted"><fmt:message key="usage.period"><fmt:param value="${periodFrom}"/><fmt:param value="${periodTo}"/></fmt:message></p>
    <p id="usage-totals"><fmt:message key="usage.totals"><fmt:param value="${totals.requests()}"/><fmt:param value="${totals.inputTokens()}"/><fmt:param value="${totals.cachedTokens()}"/><fmt:param value="${totals.outputTokens()}"/><fmt:param value="${totals.reasoningTokens()}"/><fmt:param value="${totals.premiumRequests()}"/></fmt:message></p>
    <p class="legend"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="#0969da"/></svg> <fmt:message key="usage.legend.input"/>
      <svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="#1f883d"/></svg> <fmt:message key="usage.legend.output"/></p>
    <div class="columns">
    <c:forEach var="chartName" items="${['byDay', 'byKey', 'byModel']}">
      <c:set var="chart" value="${requestScope[chartName]}"/>
      <figure class="usage-chart" id="chart-${chartName}">
        <figcaption><fmt:message key="usage.chart.${chartName}"/></figcaption>
        <c:choose>
          <c:when test="${chart.isEmpty()}"><p class="muted"><fmt:message key="usage.noRecords"/></p></c:when>
          <c:otherwise>
            <svg class="chart" viewBox="0 0 ${chart.width()} ${chart.height()}" role="img" aria-label="<fmt:message key='usage.chart.${chartName}'/>">
              <c:forEach var="bar" items="${chart.bars()}">
                <g class="bar" data-label="<c:out value='${bar.label()}'/>" data-tokens="${bar.total()}" data-requests="${bar.requests()}">
                  <title><c:out value="${bar.label()}"/>: <fmt:message key="usage.barTitle"><fmt:param value="${bar.first()}"/><fmt:param value="${bar.second()}"/><fmt:param value="${bar.requests()}"/></fmt:message></title>
                  <text x="${chart.plotX() - 6}" y="${bar.y() + 15}" text-anchor="end" font-size="12"><c:out value="${bar.label()}"/></text>
                  <rect x="${chart.plotX()}" y="${bar.y() + 4}" width="${bar.firstLength()}" height="15" fill="#0969da"/>
                  <rect x="${chart.plotX() + bar.firstLength()}" y="${bar.y() + 4}" width="${bar.secondLength()}" height="15" fill="#1f883d"/>
                  <text x="${bar.textX()}" y="${bar.y() + 15}" font-size="12">${bar.total()} · ${bar.requests()} <fmt:message key="usage.requestsShort"/></text>
                </g>
              </c:forEach>
            </svg>
          </c:otherwise>
        </c:choose>
      </figure>
    </c:forEach>
    </div>
  </section>
  <section id="request-log">
    <h2><fmt:message key="usage.log"/></h2>
    <p><a id="log-csv" href="${pageContext.request.contextPath}/console/usage.csv?limit=10000${empty filterQuery ? '' : '&amp;'}<c:out value='${filterQuery}'/>"><fmt:message key="usage.csv"/></a></p>
    <c:choose>
      <c:when test="${empty log}"><p id="log-empty"><fmt:message key="usage.log.empty"/></p></c:when>
      <c:otherwise>
        <div class="scroll">
        <table class="log" id="log-table">
          <thead><tr>
            <th><fmt:message key="usage.log.time"/></th><th><fmt:message key="usage.log.key"/></th><th><fmt:message key="usage.log.account"/></th>
            <th><fmt:message key="usage.log.ingress"/></th><th><fmt:message key="usage.log.model"/></th><th><fmt:message key="usage.log.status"/></th>
            <th><fmt:message key="usage.log.tokens"/></th><th><fmt:message key="usage.log.premium"/></th><th><fmt:message key="usage.log.latency"/></th>
          </tr></thead>
          <tbody>
          <c:forEach var="entry" items="${log}">
            <tr class="log-row">
              <td><c:out value="${entry.time()}"/></td>
              <td class="log-key"><c:out value="${entry.key()}"/></td>
              <td class="log-account"><c:out value="${entry.account()}"/></td>
              <td><c:out value="${entry.ingress()}"/><c:if test="${entry.stream()}"> <span class="tag"><fmt:message key="usage.log.stream"/></span></c:if></td>
              <td class="log-model"><c:out value="${entry.model()}"/><c:if test="${not empty entry.upstreamModel() and entry.upstreamModel() ne entry.model()}"> → <c:out value="${entry.upstreamModel()}"/></c:if></td>
              <td class="log-status"><c:out value="${entry.status()}"/><c:if test="${not empty entry.errorType()}"> <span class="muted"><c:out value="${entry.errorType()}"/></span></c:if></td>
              <td class="log-tokens"><fmt:message key="usage.log.tokenValues"><fmt:param value="${entry.inputTokens()}"/><fmt:param value="${entry.cachedTokens()}"/><fmt:param value="${entry.outputTokens()}"/><fmt:param value="${entry.reasoningTokens()}"/></fmt:message></td>
              <td><c:out value="${entry.premiumRequests()}"/></td>
              <td><c:out value="${entry.latencyMs()}"/> ms<c:if test="${entry.ttfbMs() ne null}"> (<fmt:message key="usage.log.ttfb"/> <c:out value="${entry.ttfbMs()}"/> ms)</c:if></td>
            </tr>
          </c:forEach>
          </tbody>
        </table>
        </div>
        <c:if test="${not empty nextBefore}">
          <p><a id="log-older" href="${pageContext.request.contextPath}/console/usage?<c:out value='${pageQuery}'/>${empty pageQuery ? '' : '&amp;'}before=${nextBefore}"><fmt:message key="usage.log.older"/></a></p>
        </c:if>
      </c:otherwise>
    </c:choose>
  </section>
  </c:otherwise>
  </c:choose>
  <h2 id="quotas-title"><fmt:message key="usage.quotas"/></h2>
  <p><fmt:message key="usage.explain"/></p>
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
