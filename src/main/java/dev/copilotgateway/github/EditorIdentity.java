package dev.copilotgateway.github;

import dev.copilotgateway.config.GatewayConfig;

/**
 * How the gateway presents itself to GitHub and Copilot: as VS Code with the Copilot Chat extension
 * (UPSTREAM.md §4), with the versions of the {@code vscode-version}, {@code copilot-chat-version} and
 * {@code copilot-api-version} settings.
 */
public record EditorIdentity(String vscodeVersion, String copilotChatVersion, String copilotApiVersion) {

    public static EditorIdentity from(GatewayConfig config) {
        return new EditorIdentity(config.vscodeVersion(), config.copilotChatVersion(), config.copilotApiVersion());
    }

    /** {@code editor-version}. */
    public String editorVersion() {
        return "vscode/" + vscodeVersion;
    }

    /** {@code editor-plugin-version}. */
    public String editorPluginVersion() {
        return "copilot-chat/" + copilotChatVersion;
    }

    /** {@code user-agent}. */
    public String userAgent() {
        return "GitHubCopilotChat/" + copilotChatVersion;
    }
}
