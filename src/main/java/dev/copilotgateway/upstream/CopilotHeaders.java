package dev.copilotgateway.upstream;

import dev.copilotgateway.github.EditorIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The header set of a Copilot API call (UPSTREAM.md §6.1 and §6.2): what VS Code's Copilot Chat sends, from the
 * account's credentials (token, client identity) and the request's traits (initiator, images, intent, body).
 */
public final class CopilotHeaders {

    static final String INTEGRATION_ID = "vscode-chat";
    static final String LIBRARY_VERSION = "electron-fetch";

    private final EditorIdentity editor;

    public CopilotHeaders(EditorIdentity editor) {
        this.editor = editor;
    }

    /** Headers for one request; each call has a fresh {@code x-request-id} (also sent as {@code x-agent-task-id}). */
    public UpstreamHeaders forRequest(CopilotCredentials credentials, RequestTraits traits) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("authorization", "Bearer " + credentials.token());
        if (traits.jsonBody()) {
            headers.put("content-type", "application/json");
        }
        headers.put("copilot-integration-id", INTEGRATION_ID);
        headers.put("editor-version", editor.editorVersion());
        headers.put("editor-plugin-version", editor.editorPluginVersion());
        headers.put("user-agent", editor.userAgent());
        headers.put("openai-intent", traits.intent());
        headers.put("x-github-api-version", editor.copilotApiVersion());
        String requestId = randomUuid();
        headers.put("x-request-id", requestId);
        headers.put("x-agent-task-id", requestId);
        headers.put("x-interaction-type", traits.interactionType());
        headers.put("x-vscode-user-agent-library-version", LIBRARY_VERSION);
        if (traits.initiator() != null) {
            headers.put("x-initiator", traits.initiator());
        }
        if (traits.vision()) {
            headers.put("copilot-vision-request", "true");
        }
        CopilotCredentials.ClientIdentity identity = credentials.identity();
        headers.put("editor-device-id", identity.deviceId());
        headers.put("vscode-machineid", identity.machineId());
        headers.put("vscode-sessionid", identity.sessionId());
        UpstreamHeaders all = new UpstreamHeaders(headers);
        for (Map.Entry<String, String> extra : traits.extraHeaders().entrySet()) {
            all = all.with(extra.getKey(), extra.getValue());
        }
        return all;
    }

    /**
     * A version 4 UUID from the thread's own generator: a request id needs to be unique, not unguessable, and
     * {@link UUID#randomUUID()} takes the JVM-wide {@code SecureRandom}'s lock on every request.
     */
    static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
