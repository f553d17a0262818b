package dev.copilotgateway.translate.anthropic;

import dev.copilotgateway.config.GatewayConfig;
import dev.copilotgateway.translate.JsonFields;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code anthropic-beta} header sent to Copilot's {@code /v1/messages} (UPSTREAM.md §6.5). Copilot rejects
 * betas it does not know with a 400, so only allow-listed values pass; Claude Code's own markers
 * ({@code claude-code-…}, {@code oauth-…}) and the {@code context-1m-…} hint (mapped to a model variant instead,
 * TRANSLATION.md §2) are dropped. Interleaved thinking follows the payload's final thinking mode.
 */
public final class NativeMessagesBetas {

    public static final String INTERLEAVED_THINKING = "interleaved-thinking-2025-05-14";
    public static final String EXTENDED_CACHE_TTL = "extended-cache-ttl-2025-04-11";

    private final List<String> allowList;

    /** {@code allowList}: the betas Copilot accepts (setting {@code anthropic-beta-allow-list}). */
    public NativeMessagesBetas(List<String> allowList) {
        this.allowList = allowList.stream().map(beta -> beta.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public static NativeMessagesBetas fromConfig(GatewayConfig config) {
        return new NativeMessagesBetas(config.anthropicBetaAllowList());
    }

    /** The allow-listed values of the client's header ({@code null} when absent), in its order, each once. */
    public List<String> allowed(String incoming) {
        List<String> kept = new ArrayList<>();
        if (incoming == null) {
            return kept;
        }
        for (String token : incoming.split(",")) {
            String beta = token.strip().toLowerCase(Locale.ROOT);
            if (allowList.contains(beta) && !kept.contains(beta)) {
                kept.add(beta);
            }
        }
        return kept;
    }

    /**
     * The header value for the payload as it will be sent: the allowed betas, plus interleaved thinking when the
     * payload thinks with a token budget, minus it when the thinking is adaptive; empty means send no header.
     */
    public Optional<String> header(String incoming, JsonObject payload) {
        List<String> betas = allowed(incoming);
        JsonObject thinking = payload.get("thinking") instanceof JsonObject object ? object : null;
        String mode = thinking == null ? null : JsonFields.string(thinking.get("type"));
        if ("adaptive".equals(mode)) {
            betas.remove(INTERLEAVED_THINKING);
        } else if (thinking != null && thinking.get("budget_tokens") instanceof JsonNumber
                && !betas.contains(INTERLEAVED_THINKING) && allowList.contains(INTERLEAVED_THINKING)) {
            betas.add(INTERLEAVED_THINKING);
        }
        return betas.isEmpty() ? Optional.empty() : Optional.of(String.join(",", betas));
    }
}
