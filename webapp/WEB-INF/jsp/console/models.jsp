<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="models.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="models.mappings"/></h1>
  <p><fmt:message key="models.mappingsExplain"/></p>
  <c:if test="${not empty error}">
    <p class="error" role="alert" id="error"><c:out value="${error}"/></p>
  </c:if>
  <fmt:message key="models.from" var="fromLabel"/>
  <fmt:message key="models.to" var="toLabel"/>
  <table id="mappings">
    <thead><tr><th><fmt:message key="models.from"/></th><th><fmt:message key="models.to"/></th><th><fmt:message key="models.exposed"/></th>
      <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}"><th><fmt:message key="models.edit"/></th></c:if><th></th></tr></thead>
    <tbody>
    <c:forEach var="mapping" items="${mappings}">
      <tr>
        <td><c:out value="${mapping.from()}"/></td>
        <td><c:out value="${mapping.to()}"/></td>
        <td><fmt:message key="yesNo.${mapping.exposed()}"/></td>
        <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
          <td>
            <form method="post" action="${pageContext.request.contextPath}/console/models/mappings/${mapping.id()}/edit" class="inline row-edit">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <input name="from" id="edit-from-${mapping.id()}" required maxlength="200" value="<c:out value='${mapping.from()}'/>" aria-label="<c:out value='${fromLabel}'/>">
              <input name="to" id="edit-to-${mapping.id()}" required maxlength="200" list="model-ids" value="<c:out value='${mapping.to()}'/>" aria-label="<c:out value='${toLabel}'/>">
              <label class="check"><input type="checkbox" name="exposed" id="edit-exposed-${mapping.id()}" ${mapping.exposed() ? 'checked' : ''}> <fmt:message key="models.exposed"/></label>
              <button type="submit" id="save-mapping-${mapping.id()}"><fmt:message key="models.save"/></button>
            </form>
          </td>
        </c:if>
        <td>
          <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
            <form method="post" action="${pageContext.request.contextPath}/console/models/mappings/${mapping.id()}/delete" class="inline">
              <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
              <button type="submit" class="danger" id="delete-mapping-${mapping.id()}"><fmt:message key="models.delete"/></button>
            </form>
          </c:if>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
  <c:if test="${consoleSignedIn.role().name() == 'ADMIN'}">
    <h2><fmt:message key="models.add"/></h2>
    <form method="post" action="${pageContext.request.contextPath}/console/models" id="add-mapping-form">
      <input type="hidden" name="csrf" value="<c:out value='${consoleSignedIn.csrfToken()}'/>">
      <label for="from"><fmt:message key="models.from"/></label>
      <input id="from" name="from" required maxlength="200">
      <label for="to"><fmt:message key="models.to"/></label>
      <input id="to" name="to" required maxlength="200" list="model-ids">
      <datalist id="model-ids">
        <c:forEach var="model" items="${models}"><option value="<c:out value='${model.id()}'/>"></c:forEach>
      </datalist>
      <label class="check"><input type="checkbox" id="exposed" name="exposed" checked> <fmt:message key="models.exposedExplain"/></label>
      <button type="submit" id="add-mapping"><fmt:message key="models.add"/></button>
    </form>
  </c:if>
</main>
<main>
  <h1><fmt:message key="models.title"/></h1>
  <c:if test="${catalogueUnavailable}">
    <p class="error" id="catalogue-unavailable"><fmt:message key="models.unavailable"/></p>
  </c:if>
  <table id="catalogue">
    <thead><tr><th><fmt:message key="models.id"/></th><th><fmt:message key="models.vendor"/></th><th><fmt:message key="models.endpoints"/></th></tr></thead>
    <tbody>
    <c:forEach var="model" items="${models}">
      <tr>
        <td><c:out value="${model.id()}"/></td>
        <td><c:out value="${model.vendor()}"/></td>
        <td><c:out value="${model.supportedEndpoints().orElse(null)}"/></td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
</main>
</body>
</html>
