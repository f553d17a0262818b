<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="diagnostics.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="diagnostics.title"/></h1>
  <p><fmt:message key="diagnostics.explain"/></p>

  <h2><fmt:message key="diagnostics.gateway"/></h2>
  <dl id="diagnostics-gateway">
    <dt><fmt:message key="diagnostics.version"/></dt><dd id="gateway-version"><c:out value="${version}"/></dd>
  </dl>

  <h2><fmt:message key="diagnostics.jvm"/></h2>
  <dl id="diagnostics-jvm">
    <c:forEach var="entry" items="${jvm}">
      <dt><fmt:message key="diagnostics.jvm.${entry.key}"/></dt><dd id="jvm-${entry.key}"><c:out value="${entry.value}"/></dd>
    </c:forEach>
  </dl>

  <h2><fmt:message key="diagnostics.database"/></h2>
  <dl id="diagnostics-database">
    <c:forEach var="entry" items="${database}">
      <dt><fmt:message key="diagnostics.database.${entry.key}"/></dt><dd id="database-${entry.key}"><c:out value="${entry.value}"/></dd>
    </c:forEach>
  </dl>

  <h2><fmt:message key="diagnostics.upstream"/></h2>
  <dl id="diagnostics-upstream">
    <c:choose>
      <c:when test="${empty upstream.url}">
        <dt><fmt:message key="diagnostics.upstream.url"/></dt><dd id="upstream-url"><fmt:message key="diagnostics.upstream.derived"/></dd>
      </c:when>
      <c:otherwise>
        <dt><fmt:message key="diagnostics.upstream.url"/></dt><dd id="upstream-url"><c:out value="${upstream.url}"/></dd>
        <dt><fmt:message key="diagnostics.upstream.tcp"/></dt><dd id="upstream-reachable"><fmt:message key="diagnostics.upstream.${upstream.reachable}"/></dd>
      </c:otherwise>
    </c:choose>
  </dl>

  <h2><fmt:message key="diagnostics.sso"/></h2>
  <p><fmt:message key="diagnostics.sso.explain"/></p>
  <dl id="diagnostics-sso">
    <dt><fmt:message key="diagnostics.sso.remoteAddress"/></dt><dd id="sso-remote-address"><c:out value="${sso.remoteAddress}"/></dd>
    <dt><fmt:message key="diagnostics.sso.trusted"/></dt><dd id="sso-trusted"><fmt:message key="diagnostics.${sso.trusted ? 'yes' : 'no'}"/></dd>
    <c:forEach var="field" items="${['userHeader', 'groupsHeader', 'containerUser']}">
      <dt><fmt:message key="diagnostics.sso.${field}"/></dt>
      <dd id="sso-${field}"><c:choose><c:when test="${empty sso[field]}"><fmt:message key="diagnostics.sso.absent"/></c:when><c:when test="${sso[field] == 'ignored' and field != 'containerUser'}"><fmt:message key="diagnostics.sso.ignored"/></c:when><c:otherwise><c:out value="${sso[field]}"/></c:otherwise></c:choose></dd>
    </c:forEach>
    <dt><fmt:message key="diagnostics.sso.identity"/></dt>
    <dd id="sso-identity"><c:choose><c:when test="${empty sso.identity}"><fmt:message key="diagnostics.sso.noIdentity"/></c:when><c:otherwise><c:out value="${sso.identity}"/></c:otherwise></c:choose></dd>
    <dt><fmt:message key="diagnostics.sso.role"/></dt>
    <dd id="sso-role"><c:choose><c:when test="${empty sso.role}">-</c:when><c:otherwise><c:out value="${sso.role}"/></c:otherwise></c:choose></dd>
  </dl>
  <h3><fmt:message key="diagnostics.sso.settings"/></h3>
  <dl id="sso-settings">
    <c:forEach var="entry" items="${sso.settings}">
      <dt><code><c:out value="${entry.key}"/></code></dt><dd id="setting-${entry.key}"><c:out value="${empty entry.value ? '(empty)' : entry.value}"/></dd>
    </c:forEach>
  </dl>
</main>
</body>
</html>
