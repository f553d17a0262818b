package dev.copilotgateway.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Optional;

/**
 * The BPE encodings Copilot's models name in {@code capabilities.tokenizer} (UPSTREAM.md §7). Loading one reads
 * and indexes a vocabulary of 100–200k entries, so each is loaded once per JVM, on first use, and shared: an
 * {@link Encoding} is thread-safe.
 */
public final class Tokenizers {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private Tokenizers() {
    }

    /** The encoding called {@code name} ({@code o200k_base}, {@code cl100k_base}, …); {@code o200k_base} when unknown or null. */
    public static Encoding forName(String name) {
        if (name != null) {
            Optional<EncodingType> known = EncodingType.fromName(name);
            if (known.isPresent()) {
                return REGISTRY.getEncoding(known.get());
            }
        }
        return REGISTRY.getEncoding(EncodingType.O200K_BASE);
    }

    /** Loads the two encodings Copilot's models use, so the first count_tokens request does not pay for it. */
    public static void preload() {
        REGISTRY.getEncoding(EncodingType.O200K_BASE);
        REGISTRY.getEncoding(EncodingType.CL100K_BASE);
    }
}
