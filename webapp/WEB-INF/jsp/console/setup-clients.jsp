<%@ include file="_head.jspf" %>
<!DOCTYPE html>
<html lang="<fmt:message key='lang'/>">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title><fmt:message key="setupClients.title"/> · Copilot Gateway</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/static/console.css">
  <script src="${pageContext.request.contextPath}/static/console.js" defer></script>
</head>
<body>
<%@ include file="_nav.jspf" %>
<main>
  <h1><fmt:message key="setupClients.title"/></h1>
  <p><fmt:message key="setupClients.explain"/></p>

  <h2>Claude Code</h2>
  <p><fmt:message key="setupClients.claudeCode"/></p>
  <pre id="claude-code-settings"><code>{
  "env": {
    "ANTHROPIC_BASE_URL": "<c:out value='${gatewayUrl}'/>",
    "ANTHROPIC_AUTH_TOKEN": "YOUR_KEY",
    "ANTHROPIC_MODEL": "claude-sonnet-4.5",
    "ANTHROPIC_SMALL_FAST_MODEL": "gpt-5-mini",
    "DISABLE_NON_ESSENTIAL_MODEL_CALLS": "1",
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1"
  }
}</code></pre>
  <button type="button" data-copy="claude-code-settings"><fmt:message key="keys.copy"/></button>

  <h2>Codex CLI</h2>
  <p><fmt:message key="setupClients.codex"/></p>
  <pre id="codex-config"><code>model = "gpt-5.2-codex"
model_provider = "copilot-gateway"

[model_providers.copilot-gateway]
name = "Copilot Gateway"
base_url = "<c:out value='${gatewayUrl}'/>/v1"
env_key = "COPILOT_GATEWAY_KEY"
wire_api = "responses"</code></pre>
  <button type="button" data-copy="codex-config"><fmt:message key="keys.copy"/></button>

  <h2>OpenAI SDK (Python)</h2>
  <pre id="openai-sdk"><code>from openai import OpenAI
client = OpenAI(base_url="<c:out value='${gatewayUrl}'/>/v1", api_key="YOUR_KEY")
print(client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "Hello"}]).choices[0].message.content)</code></pre>
  <button type="button" data-copy="openai-sdk"><fmt:message key="keys.copy"/></button>

  <h2>Anthropic SDK (Python)</h2>
  <pre id="anthropic-sdk"><code>import anthropic
client = anthropic.Anthropic(base_url="<c:out value='${gatewayUrl}'/>", api_key="YOUR_KEY")
print(client.messages.create(model="claude-sonnet-4.5", max_tokens=256, messages=[{"role": "user", "content": "Hello"}]).content[0].text)</code></pre>
  <button type="button" data-copy="anthropic-sdk"><fmt:message key="keys.copy"/></button>

  <h2>Gemini (Google Gen AI SDK, Python)</h2>
  <pre id="gemini-sdk"><code>from google import genai
client = genai.Client(api_key="YOUR_KEY", http_options={"base_url": "<c:out value='${gatewayUrl}'/>"})
print(client.models.generate_content(model="gpt-4.1", contents="Hello").text)</code></pre>
  <button type="button" data-copy="gemini-sdk"><fmt:message key="keys.copy"/></button>
</main>
</body>
</html>
