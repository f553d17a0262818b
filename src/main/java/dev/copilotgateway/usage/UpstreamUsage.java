package dev.copilotgateway.usage;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The token counts in Copilot's own answers, in each upstream shape (UPSTREAM.md §8–§11): Chat
 * ({@code prompt_tokens}, {@code completion_tokens}, {@code prompt_tokens_details.cached_tokens},
 * {@code completion_tokens_details.reasoning_tokens}), Responses ({@code input_tokens}, {@code output_tokens},
 * {@code input_tokens_details.cached_tokens}, {@code output_tokens_details.reasoning_tokens}), Messages
 * ({@code input_tokens} without the cache, {@code cache_read_input_tokens}, {@code cache_creation_input_tokens},
 * {@code output_tokens}) and Embeddings ({@code prompt_tokens}).
 *
 * <p>Cheap by design, since streams pass through unparsed: the bytes are searched for the key {@code "usage"} followed
 * by {@code :} and an object ({@code "usage":null}, which some events carry, is skipped without parsing), and only that
 * object is parsed. Inside JSON strings a quote is escaped, so the unescaped {@code "usage"} followed by {@code :} is
 * always a key.
 */
public final class UpstreamUsage {

    private static final byte[] KEY = "\"usage\"".getBytes(StandardCharsets.US_ASCII);

    private UpstreamUsage() {
    }

    /** The last usage object of a whole answer (the top-level one comes last in Copilot's answers), or null if it has none. */
    public static TokenCounts inWhole(byte[] body) {
        for (int at = lastIndexOfKey(body, body.length - KEY.length); at >= 0; at = lastIndexOfKey(body, at - 1)) {
            int object = objectAfter(body, at + KEY.length);
            if (object >= 0) {
                TokenCounts counts = parse(body, object);
                if (counts != null) {
                    return counts;
                }
            }
        }
        return null;
    }

    /** Every usage object in {@code frames} merged into {@code seen} (null: none yet); the result, or {@code seen} if none. */
    public static TokenCounts inFrames(byte[] frames, TokenCounts seen) {
        TokenCounts merged = seen;
        for (int at = indexOfKey(frames, 0); at >= 0; at = indexOfKey(frames, at + KEY.length)) {
            int object = objectAfter(frames, at + KEY.length);
            if (object >= 0) {
                TokenCounts counts = parse(frames, object);
                if (counts != null) {
                    merged = merged == null ? counts : max(merged, counts);
                }
            }
        }
        return merged;
    }

    /**
     * The counts of one usage object, whichever shape. Anthropic's {@code input_tokens} leave out the cache, so when the
     * object names {@code cache_read_input_tokens} or {@code cache_creation_input_tokens} they are added to the input
     * ({@link TokenCounts}' {@code input} includes the cached tokens).
     */
    public static TokenCounts of(JsonObject usage) {
        long input = number(usage, "prompt_tokens", "input_tokens");
        long output = number(usage, "completion_tokens", "output_tokens");
        long cached;
        if (usage.containsKey("cache_read_input_tokens") || usage.containsKey("cache_creation_input_tokens")) {
            cached = number(usage, "cache_read_input_tokens");
            input += cached + number(usage, "cache_creation_input_tokens");
        } else {
            cached = detail(usage, "cached_tokens", "prompt_tokens_details", "input_tokens_details");
        }
        long reasoning = detail(usage, "reasoning_tokens", "completion_tokens_details", "output_tokens_details");
        return new TokenCounts(input, output, cached, reasoning);
    }

    /**
     * Field by field the larger: a stream's usage figures are running totals (Anthropic's {@code message_start} tells the
     * input, its {@code message_delta} the output so far), so the largest seen is the final one.
     */
    static TokenCounts max(TokenCounts a, TokenCounts b) {
        return new TokenCounts(Math.max(a.input(), b.input()), Math.max(a.output(), b.output()),
                Math.max(a.cached(), b.cached()), Math.max(a.reasoning(), b.reasoning()));
    }

    private static TokenCounts parse(byte[] bytes, int offset) {
        try (JsonParser parser = JsonIo.PROVIDER.createParser(new ByteArrayInputStream(bytes, offset, bytes.length - offset))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            return of(parser.getObject());
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException unreadable) {
            return null; // a usage object cut or malformed: as if none was given
        }
    }

    /** The index of the object's {@code {} after {@code "usage"} (spaces, a colon, spaces), or -1 (null, or not a key). */
    private static int objectAfter(byte[] bytes, int from) {
        int i = skipSpaces(bytes, from);
        if (i >= bytes.length || bytes[i] != ':') {
            return -1;
        }
        i = skipSpaces(bytes, i + 1);
        return i < bytes.length && bytes[i] == '{' ? i : -1;
    }

    private static int skipSpaces(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int indexOfKey(byte[] bytes, int from) {
        for (int i = Math.max(from, 0); i <= bytes.length - KEY.length; i++) {
            if (keyAt(bytes, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOfKey(byte[] bytes, int from) {
        for (int i = Math.min(from, bytes.length - KEY.length); i >= 0; i--) {
            if (keyAt(bytes, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean keyAt(byte[] bytes, int i) {
        for (int j = 0; j < KEY.length; j++) {
            if (bytes[i + j] != KEY[j]) {
                return false;
            }
        }
        return true;
    }

    private static long number(JsonObject object, String... names) {
        for (String name : names) {
            JsonValue value = object.get(name);
            if (value instanceof JsonNumber number) {
                return Math.max(0, number.longValue());
            }
        }
        return 0;
    }

    private static long detail(JsonObject usage, String name, String... detailObjects) {
        for (String detailObject : detailObjects) {
            if (usage.get(detailObject) instanceof JsonObject details && details.get(name) instanceof JsonNumber number) {
                return Math.max(0, number.longValue());
            }
        }
        return 0;
    }
}
