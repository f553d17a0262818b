<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="audit.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="audit.title"/></h1>
  <p><fmt:message key="audit.explain"><fmt:param value="${shownAtMost}"/></fmt:message></p>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><fmt:message key="${error}"/></p>
  </c:if>
  <form method="get" action="${pageContext.request.contextPath}/console/audit" id="audit-filter">
    <label for="actor"><fmt:message key="audit.actor"/></label>
    <input id="actor" name="actor" value="<c:out value='${actor}'/>" maxlength="200" autocomplete="off">
    <label for="from"><fmt:message key="audit.from"/></label>
    <input id="from" name="from" type="date" value="<c:out value='${from}'/>">
    <label for="to"><fmt:message key="audit.to"/></label>
    <input id="to" name="to" type="date" value="<c:out value='${to}'/>">
    <button type="submit" id="audit-apply"><fmt:message key="audit.apply"/></button>
  </form>
  <c:choose>
    <c:when test="${empty events}"><p id="no-events"><fmt:message key="audit.none"/></p></c:when>
    <c:otherwise>
      <table id="audit">
        <thead><tr><th><fmt:message key="audit.time"/></th><th><fmt:message key="audit.actor"/></th><th><fmt:message key="audit.channel"/></th>
          <th><fmt:message key="audit.action"/></th><th><fmt:message key="audit.target"/></th><th><fmt:message key="audit.changes"/></th>
          <th><fmt:message key="audit.status"/></th><th><fmt:message key="audit.address"/></th></tr></thead>
        <tbody>
        <c:forEach var="event" items="${events}">
          <tr class="audit-event" data-id="${event.id}">
            <td><c:out value="${event.occurredAt}"/></td>
            <td class="actor"><c:out value="${event.actor}"/><c:if test="${event.actorKind == 'admin-key'}"> <span class="muted">(<fmt:message key="audit.adminKey"/>)</span></c:if></td>
            <td><fmt:message key="audit.channel.${event.channel}"/></td>
            <td class="action"><code><c:out value="${event.action}"/></code></td>
            <td class="target"><c:out value="${event.target}"/></td>
            <td class="changes"><code><c:out value="${event.changes}"/></code></td>
            <td class="status"><c:out value="${event.status}"/></td>
            <td><c:out value="${event.remoteAddress}"/></td>
          </tr>
        </c:forEach>
        </tbody>
      </table>
    </c:otherwise>
  </c:choose>
</main>
</body>
</html>
