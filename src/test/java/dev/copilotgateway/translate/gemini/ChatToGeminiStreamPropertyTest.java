package dev.copilotgateway.translate.gemini;

import static dev.copilotgateway.translate.gemini.GeminiFixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random Chat streams (seeded) through {@link ChatToGeminiStream}: the output is always a valid Gemini chunk
 * sequence, whose text and thoughts are the upstream's and whose functionCall args parse to the upstream's
 * arguments, however the upstream chunked them (§11.4); a cut stream ends with an error chunk.
 */
class ChatToGeminiStreamPropertyTest {

    private static final int CASES = 200;
    private static final String ALPHABET = "abcdefghij KLM 0123 \"quoted\" back\\slash\nnew line é 世界 🙂 {json} [x]";
    private static final Set<String> FINISH_REASONS = Set.of("STOP", "MAX_TOKENS", "SAFETY");

    /** What a valid chunk sequence said. */
    record Transcript(String thoughts, String text, Map<String, String> calls, Map<String, JsonObject> args, String finishReason,
            JsonObject usage, JsonObject error) {
    }

    /** One generated upstream answer. */
    private static final class Case {
        String reasoning = "";
        String text = "";
        final Map<String, String> toolNames = new LinkedHashMap<>();
        final Map<String, String> toolArguments = new LinkedHashMap<>();
        final List<String> chunks = new ArrayList<>();
        String finishReason;
        JsonObject usage;
        int finishChunk;
    }

    @Test
    void randomStreamsTranslateToValidGeminiStreamsCarryingTheSameContent() {
        Random seeds = new Random(20251130L);
        for (int n = 0; n < CASES; n++) {
            Random random = new Random(seeds.nextLong());
            Case upstream = generate(random);
            boolean cut = random.nextInt(4) == 0;
            ChatToGeminiStream stream = new ChatToGeminiStream();
            List<SseEvent> events = new ArrayList<>();
            try {
                if (cut) {
                    int keep = random.nextInt(upstream.finishChunk + 1);
                    upstream.chunks.subList(0, keep).forEach(chunk -> stream.onEvent(SseEvent.data(chunk), events::add));
                    if (random.nextBoolean()) {
                        stream.onUpstreamEnd(events::add);
                    } else {
                        stream.onUpstreamFailure("timeout_error", "idle", events::add);
                    }
                    Transcript transcript = check(events);
                    assertTrue(transcript.error() != null, "a stream cut before the finish ends with an error chunk");
                    assertTrue(transcript.calls().isEmpty(), "no partial function calls");
                    assertTrue(upstream.text.startsWith(transcript.text()));
                    assertTrue(upstream.reasoning.startsWith(transcript.thoughts()));
                } else {
                    upstream.chunks.forEach(chunk -> stream.onEvent(SseEvent.data(chunk), events::add));
                    if (random.nextBoolean()) {
                        stream.onEvent(SseEvent.data("[DONE]"), events::add);
                    }
                    stream.onUpstreamEnd(events::add);
                    Transcript transcript = check(events);
                    assertNull(transcript.error());
                    assertEquals(upstream.reasoning, transcript.thoughts());
                    assertEquals(upstream.text, transcript.text());
                    assertEquals(upstream.toolNames, transcript.calls());
                    upstream.toolArguments.forEach((id, json) -> assertEquals(JsonIo.read(json), transcript.args().get(id), id));
                    assertEquals(ChatToGeminiResponse.finishReason(upstream.finishReason), transcript.finishReason());
                    assertEquals(upstream.usage == null ? null : ChatToGeminiResponse.usageMetadata(upstream.usage), transcript.usage());
                }
                assertTrue(stream.finished());
            } catch (AssertionError failure) {
                throw new AssertionError("case " + n + ": " + upstream.chunks + "\nevents: " + events.stream().map(SseEvent::data).toList(), failure);
            }
        }
    }

    /** The Gemini stream grammar: plain data events, each one chunk; live parts, then one final candidate; or an error last. */
    private static Transcript check(List<SseEvent> events) {
        StringBuilder thoughts = new StringBuilder();
        StringBuilder text = new StringBuilder();
        Map<String, String> calls = new LinkedHashMap<>();
        Map<String, JsonObject> args = new LinkedHashMap<>();
        String finishReason = null;
        JsonObject usage = null;
        JsonObject error = null;
        assertFalse(events.isEmpty(), "the stream says something");
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            assertNull(event.event(), "no event names");
            assertFalse(event.isDone(), "no [DONE]");
            JsonObject chunk = object(event.data());
            assertNull(finishReason, "nothing after the final candidate");
            if (chunk.containsKey("error")) {
                assertEquals(events.size() - 1, i, "the error chunk is the last");
                error = chunk.getJsonObject("error");
                assertTrue(error.getInt("code") >= 400);
                assertFalse(error.getString("message").isEmpty());
                assertFalse(error.getString("status").isEmpty());
                continue;
            }
            if (chunk.containsKey("usageMetadata")) {
                usage = chunk.getJsonObject("usageMetadata");
            }
            JsonArray candidates = chunk.getJsonArray("candidates");
            assertEquals(1, candidates.size());
            JsonObject candidate = candidates.getJsonObject(0);
            assertEquals(0, candidate.getInt("index"));
            JsonObject content = candidate.getJsonObject("content");
            assertEquals("model", content.getString("role"), "chunks always carry role model");
            JsonArray parts = content.getJsonArray("parts");
            assertFalse(parts.isEmpty());
            boolean last = candidate.containsKey("finishReason");
            for (JsonObject part : parts.getValuesAs(JsonObject.class)) {
                if (part.containsKey("functionCall")) {
                    assertTrue(last, "function calls only in the final candidate");
                    JsonObject call = part.getJsonObject("functionCall");
                    calls.put(call.getString("id"), call.getString("name"));
                    args.put(call.getString("id"), call.getJsonObject("args"));
                } else if (part.getBoolean("thought", false)) {
                    assertFalse(last);
                    thoughts.append(part.getString("text"));
                } else {
                    text.append(part.getString("text"));
                }
            }
            if (last) {
                finishReason = candidate.getString("finishReason");
                assertTrue(FINISH_REASONS.contains(finishReason), finishReason);
                assertEquals(events.size() - 1, i, "the final candidate is the last chunk");
            }
        }
        assertTrue(error != null || finishReason != null, "ends with a final candidate or an error");
        return new Transcript(thoughts.toString(), text.toString(), calls, args, finishReason, usage, error);
    }

    // ---- generation ---------------------------------------------------------------------------------------------

    private static Case generate(Random random) {
        Case upstream = new Case();
        List<JsonObject> deltas = new ArrayList<>();
        String reasoningField = List.of("reasoning_text", "reasoning_content", "reasoning").get(random.nextInt(3));
        if (random.nextBoolean()) {
            upstream.reasoning = randomText(random, 1, 60);
            split(random, upstream.reasoning).forEach(piece -> deltas.add(JsonIo.object().add(reasoningField, piece).build()));
        }
        if (random.nextInt(10) < 7) {
            upstream.text = randomText(random, 1, 80);
            split(random, upstream.text).forEach(piece -> deltas.add(JsonIo.object().add("content", piece).build()));
        }
        int toolCount = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
        List<List<JsonObject>> toolDeltas = new ArrayList<>();
        for (int t = 0; t < toolCount; t++) {
            String id = "call_" + t + "_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            String arguments = randomArguments(random);
            upstream.toolNames.put(id, "fn_" + t);
            upstream.toolArguments.put(id, arguments);
            List<JsonObject> calls = new ArrayList<>();
            List<String> pieces = split(random, arguments);
            if (random.nextBoolean()) {
                calls.add(call(t, id, "fn_" + t, ""));
            } else {
                calls.add(call(t, id, null, null));
                calls.add(call(t, null, "fn_" + t, pieces.remove(0)));
            }
            for (String piece : pieces) {
                calls.add(call(t, null, null, piece));
            }
            toolDeltas.add(calls);
        }
        // Parallel calls' fragments may interleave: Gemini output is built only at the finish, so any order works.
        while (toolDeltas.stream().anyMatch(list -> !list.isEmpty())) {
            List<JsonObject> list = toolDeltas.get(random.nextInt(toolDeltas.size()));
            if (!list.isEmpty()) {
                deltas.add(JsonIo.object().add("tool_calls", JsonIo.array().add(list.remove(0))).build());
            }
        }
        upstream.finishReason = toolCount > 0 ? "tool_calls" : List.of("stop", "length", "content_filter").get(random.nextInt(3));
        String id = "chatcmpl-" + Long.toHexString(random.nextLong());
        for (JsonObject delta : deltas) {
            upstream.chunks.add(chunk(id, delta, null, null));
        }
        JsonObject usage = JsonIo.object()
                .add("prompt_tokens", 100 + random.nextInt(1000))
                .add("completion_tokens", random.nextInt(500))
                .add("total_tokens", 2000)
                .add("prompt_tokens_details", JsonIo.object().add("cached_tokens", random.nextInt(100)))
                .build();
        int usageAt = random.nextInt(3); // 0 on the finish chunk, 1 in a trailing chunk, 2 never
        upstream.usage = usageAt == 2 ? null : usage;
        upstream.finishChunk = upstream.chunks.size();
        upstream.chunks.add(chunk(id, JsonIo.object().build(), upstream.finishReason, usageAt == 0 ? usage : null));
        if (usageAt == 1) {
            upstream.chunks.add(JsonIo.object().add("id", id).add("choices", JsonIo.array()).add("usage", usage).build().toString());
        }
        return upstream;
    }

    private static String chunk(String id, JsonObject delta, String finishReason, JsonObject usage) {
        JsonObjectBuilder choice = JsonIo.object().add("index", 0).add("delta", delta);
        if (finishReason != null) {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = JsonIo.object().add("id", id).add("choices", JsonIo.array().add(choice));
        if (usage != null) {
            chunk.add("usage", usage);
        }
        return chunk.build().toString();
    }

    private static JsonObject call(int index, String id, String name, String arguments) {
        JsonObjectBuilder call = JsonIo.object().add("index", index);
        if (id != null) {
            call.add("id", id).add("type", "function");
        }
        JsonObjectBuilder function = JsonIo.object();
        if (name != null) {
            function.add("name", name);
        }
        if (arguments != null) {
            function.add("arguments", arguments);
        }
        return call.add("function", function).build();
    }

    private static String randomArguments(Random random) {
        JsonObjectBuilder arguments = JsonIo.object();
        int fields = random.nextInt(4);
        for (int f = 0; f < fields; f++) {
            switch (random.nextInt(3)) {
                case 0 -> arguments.add("s" + f, randomText(random, 0, 30));
                case 1 -> arguments.add("n" + f, random.nextInt(10000) - 5000);
                default -> arguments.add("o" + f, JsonIo.object().add("list", JsonIo.array().add(randomText(random, 0, 8)).add(random.nextBoolean())));
            }
        }
        return arguments.build().toString();
    }

    /** {@code text} in 1..n pieces split at random code-point boundaries. */
    private static List<String> split(Random random, String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 1 + random.nextInt(12));
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        if (pieces.isEmpty()) {
            pieces.add(text);
        }
        return pieces;
    }

    private static String randomText(Random random, int min, int max) {
        int[] codePoints = ALPHABET.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }
}
