package dev.copilotgateway.translate.anthropic;

import static dev.copilotgateway.translate.anthropic.ChatTranslationFixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random Chat streams (seeded) through {@link ChatToAnthropicStream}: the output must always be a valid Anthropic
 * event stream, and carry exactly the upstream's thinking, text and tool arguments, however the upstream chunked
 * them (§5).
 */
class ChatToAnthropicStreamPropertyTest {

    private static final int CASES = 240;
    private static final String ALPHABET = "abcdefghij KLM 0123 \"quoted\" back\\slash\nnew line é 世界 🙂 {json} [x]";

    /** What a valid stream said, collected while checking it. */
    record Transcript(List<String[]> thinkingBlocks, String text, Map<String, String> toolNames, Map<String, String> toolArguments,
            JsonObject messageDelta, JsonObject error) {
    }

    /** The Anthropic streaming grammar (§5 invariants): checks every event and returns what the stream carried. */
    static final class Grammar {

        private static final Set<String> STOP_REASONS = Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal");

        static Transcript check(List<SseEvent> events) {
            List<String[]> thinking = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, StringBuilder> arguments = new LinkedHashMap<>();
            JsonObject messageDelta = null;
            JsonObject error = null;
            int nextIndex = 0;
            Integer openIndex = null;
            String openType = null;
            String openToolId = null;
            StringBuilder openThinking = null;
            String signature = null;
            boolean ended = false;
            for (int i = 0; i < events.size(); i++) {
                SseEvent event = events.get(i);
                assertFalse(ended, "event after the end: " + event);
                JsonObject data = object(event.data());
                String type = data.getString("type");
                assertEquals(type, event.event(), "event name = data type");
                assertTrue(i > 0 || type.equals("message_start") || type.equals("error"), "message_start first");
                switch (type) {
                    case "message_start" -> {
                        assertEquals(0, i, "one message_start, first");
                        JsonObject message = data.getJsonObject("message");
                        assertEquals(JsonValue.EMPTY_JSON_ARRAY, message.get("content"));
                        assertEquals(JsonValue.NULL, message.get("stop_reason"));
                        assertEquals(0, message.getJsonObject("usage").getInt("output_tokens"));
                    }
                    case "ping" -> {
                        // allowed anywhere
                    }
                    case "content_block_start" -> {
                        assertNull(openIndex, "one block at a time");
                        assertEquals(nextIndex, data.getInt("index"), "indexes increase by one from 0");
                        openIndex = nextIndex;
                        JsonObject block = data.getJsonObject("content_block");
                        openType = block.getString("type");
                        signature = null;
                        switch (openType) {
                            case "text" -> assertEquals("", block.getString("text"));
                            case "thinking" -> {
                                assertEquals("", block.getString("thinking"));
                                openThinking = new StringBuilder();
                            }
                            case "tool_use" -> {
                                openToolId = block.getString("id");
                                assertTrue(openToolId.matches("[A-Za-z0-9_-]+"), openToolId);
                                assertFalse(block.getString("name").isEmpty());
                                assertEquals(JsonValue.EMPTY_JSON_OBJECT, block.get("input"));
                                assertNull(names.put(openToolId, block.getString("name")), "tool ids are unique");
                                arguments.put(openToolId, new StringBuilder());
                            }
                            default -> fail("unknown block type " + openType);
                        }
                    }
                    case "content_block_delta" -> {
                        assertEquals(openIndex, (Integer) data.getInt("index"), "delta to the open block");
                        JsonObject delta = data.getJsonObject("delta");
                        String deltaType = delta.getString("type");
                        switch (openType) {
                            case "text" -> {
                                assertEquals("text_delta", deltaType);
                                text.append(delta.getString("text"));
                            }
                            case "thinking" -> {
                                assertNull(signature, "nothing after the signature");
                                if (deltaType.equals("signature_delta")) {
                                    signature = delta.getString("signature");
                                } else {
                                    assertEquals("thinking_delta", deltaType);
                                    openThinking.append(delta.getString("thinking"));
                                }
                            }
                            default -> {
                                assertEquals("input_json_delta", deltaType);
                                arguments.get(openToolId).append(delta.getString("partial_json"));
                            }
                        }
                    }
                    case "content_block_stop" -> {
                        assertEquals(openIndex, (Integer) data.getInt("index"), "stop the open block");
                        if (openType.equals("thinking")) {
                            assertTrue(signature != null, "a thinking block ends with a signature_delta");
                            thinking.add(new String[] {openThinking.toString(), signature});
                        }
                        openIndex = null;
                        nextIndex++;
                    }
                    case "message_delta" -> {
                        assertNull(openIndex, "blocks closed before message_delta");
                        assertNull(messageDelta, "one message_delta");
                        messageDelta = data;
                        JsonValue stopReason = data.getJsonObject("delta").get("stop_reason");
                        assertTrue(stopReason == JsonValue.NULL || STOP_REASONS.contains(data.getJsonObject("delta").getString("stop_reason")));
                        assertTrue(data.getJsonObject("usage").containsKey("output_tokens"));
                    }
                    case "message_stop" -> {
                        assertTrue(messageDelta != null, "message_delta before message_stop");
                        ended = true;
                    }
                    case "error" -> {
                        assertNull(openIndex, "blocks closed before the error");
                        assertNull(messageDelta, "no error after message_delta");
                        error = data.getJsonObject("error");
                        assertFalse(error.getString("type").isEmpty());
                        assertFalse(error.getString("message").isEmpty());
                        ended = true;
                    }
                    default -> fail("unknown event " + type);
                }
            }
            assertTrue(ended, "the stream ended with message_stop or error");
            Map<String, String> args = new LinkedHashMap<>();
            arguments.forEach((id, json) -> args.put(id, json.toString()));
            return new Transcript(thinking, text.toString(), names, args, messageDelta, error);
        }
    }

    /** One generated upstream answer and its chunks. */
    private static final class Case {
        final Random random;
        String reasoning;
        String signature;
        String text = "";
        String textAfterTools = "";
        final Map<String, String> toolNames = new LinkedHashMap<>();
        final Map<String, String> toolArguments = new LinkedHashMap<>();
        String finishReason;
        JsonObject usage;
        final List<JsonObject> deltas = new ArrayList<>();
        final List<String> chunks = new ArrayList<>();
        int finishChunk;

        Case(Random random) {
            this.random = random;
        }
    }

    @Test
    void randomStreamsTranslateToValidAnthropicStreamsCarryingTheSameContent() {
        Random random = new Random(20250301L);
        for (int n = 0; n < CASES; n++) {
            Case upstream = generate(new Random(random.nextLong()));
            boolean cut = upstream.random.nextInt(4) == 0;
            List<SseEvent> events = new ArrayList<>();
            ChatToAnthropicStream stream = new ChatToAnthropicStream("client-model", List.of(), () -> "msg_fallback");
            String description = "case " + n + ": " + upstream.chunks;
            try {
                if (cut) {
                    int keep = upstream.random.nextInt(upstream.finishChunk + 1);
                    upstream.chunks.subList(0, keep).forEach(chunk -> stream.onEvent(SseEvent.data(chunk), events::add));
                    if (upstream.random.nextBoolean()) {
                        stream.onUpstreamEnd(events::add);
                    } else {
                        stream.onUpstreamFailure("timeout_error", "idle", events::add);
                    }
                    checkInterrupted(upstream, Grammar.check(events));
                } else {
                    upstream.chunks.forEach(chunk -> stream.onEvent(SseEvent.data(chunk), events::add));
                    stream.onUpstreamEnd(events::add);
                    checkComplete(upstream, Grammar.check(events));
                }
                assertTrue(stream.finished());
            } catch (AssertionError failure) {
                throw new AssertionError(description + "\nevents: " + events.stream().map(SseEvent::data).toList(), failure);
            }
        }
    }

    private static void checkComplete(Case upstream, Transcript transcript) {
        assertNull(transcript.error());
        if (upstream.reasoning == null) {
            assertEquals(List.of(), transcript.thinkingBlocks().stream().map(List::of).toList());
        } else {
            assertEquals(1, transcript.thinkingBlocks().size());
            assertEquals(upstream.reasoning, transcript.thinkingBlocks().get(0)[0]);
            assertEquals(upstream.signature == null ? "" : upstream.signature, transcript.thinkingBlocks().get(0)[1]);
        }
        assertEquals(upstream.text + upstream.textAfterTools, transcript.text());
        assertEquals(upstream.toolNames, transcript.toolNames());
        assertEquals(upstream.toolArguments, transcript.toolArguments());
        JsonObject delta = transcript.messageDelta().getJsonObject("delta");
        String expectedStop = upstream.toolNames.isEmpty() ? ChatToAnthropicResponse.stopReason(upstream.finishReason, false) : "tool_use";
        assertEquals(expectedStop, delta.getString("stop_reason"));
        assertEquals(ChatToAnthropicResponse.usage(upstream.usage, true), transcript.messageDelta().get("usage"));
    }

    /** Cut before the finish: a valid stream ending in an error, whose content is a prefix of the upstream's. */
    private static void checkInterrupted(Case upstream, Transcript transcript) {
        assertTrue(transcript.error() != null, "an interrupted stream ends with an error event");
        assertNull(transcript.messageDelta());
        if (!transcript.thinkingBlocks().isEmpty()) {
            assertTrue(upstream.reasoning.startsWith(transcript.thinkingBlocks().get(0)[0]));
        }
        assertTrue((upstream.text + upstream.textAfterTools).startsWith(transcript.text()));
        transcript.toolArguments().forEach((id, json) -> assertTrue(upstream.toolArguments.get(id).startsWith(json)));
    }

    // ---- generation ---------------------------------------------------------------------------------------------

    private static Case generate(Random random) {
        Case upstream = new Case(random);
        String reasoningField = List.of("reasoning_text", "reasoning_content", "reasoning").get(random.nextInt(3));
        if (random.nextInt(3) == 0) {
            upstream.deltas.add(JsonIo.object().add("role", "assistant").add("content", "").build());
        }
        int toolCount = random.nextInt(4) == 0 ? 0 : random.nextInt(4);
        boolean hasText = random.nextInt(10) < 7;
        // Where the signature goes: 0 own delta, 1 with the last thinking piece, 2 first text delta, 3 first tool delta,
        // 4 the finish chunk, 5 none.
        int signatureAt = -1;
        if (random.nextBoolean()) {
            upstream.reasoning = randomText(random, 1, 60);
            List<String> pieces = split(random, upstream.reasoning);
            signatureAt = random.nextInt(6);
            if (signatureAt == 2 && !hasText || signatureAt == 3 && (toolCount == 0 || hasText) || signatureAt == 4 && (hasText || toolCount > 0)) {
                signatureAt = 0;
            }
            upstream.signature = signatureAt == 5 ? null : "SIG" + Long.toHexString(random.nextLong());
            for (int i = 0; i < pieces.size(); i++) {
                JsonObjectBuilder delta = JsonIo.object().add(reasoningField, pieces.get(i));
                if (signatureAt == 1 && i == pieces.size() - 1) {
                    delta.add("reasoning_opaque", upstream.signature);
                }
                upstream.deltas.add(delta.build());
            }
            if (signatureAt == 0) {
                upstream.deltas.add(JsonIo.object().add("content", "").add("reasoning_opaque", upstream.signature).build());
            }
        }
        if (hasText) {
            upstream.text = randomText(random, 1, 80);
            List<String> pieces = split(random, upstream.text);
            for (int i = 0; i < pieces.size(); i++) {
                JsonObjectBuilder delta = JsonIo.object().add("content", pieces.get(i));
                if (signatureAt == 2 && i == 0) {
                    delta.add("reasoning_opaque", upstream.signature);
                }
                upstream.deltas.add(delta.build());
            }
        }
        toolDeltas(upstream, toolCount, signatureAt == 3);
        upstream.finishReason = toolCount > 0 ? "tool_calls" : List.of("stop", "length", "content_filter").get(random.nextInt(3));
        chunk(upstream, signatureAt == 4);
        return upstream;
    }

    private static void toolDeltas(Case upstream, int toolCount, boolean signatureOnFirstTool) {
        Random random = upstream.random;
        boolean announceAll = toolCount > 1 && random.nextInt(6) == 0;
        int textAfterTool = toolCount > 0 && random.nextInt(5) == 0 ? random.nextInt(toolCount) : -1;
        List<List<JsonObject>> argumentDeltas = new ArrayList<>();
        for (int t = 0; t < toolCount; t++) {
            String id = "call_" + t + "_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            String name = "fn_" + t;
            String arguments = randomArguments(random);
            upstream.toolNames.put(id, name);
            upstream.toolArguments.put(id, arguments);
            List<String> pieces = split(random, arguments);
            List<JsonObject> identity = new ArrayList<>();
            List<JsonObject> rest = new ArrayList<>();
            int variant = announceAll ? 0 : random.nextInt(3);
            switch (variant) {
                case 0 -> identity.add(call(t, id, name, ""));
                case 1 -> {
                    identity.add(call(t, id, null, null));
                    identity.add(call(t, null, name, null));
                }
                default -> {
                    identity.add(call(t, null, null, pieces.remove(0)));
                    identity.add(call(t, id, name, ""));
                }
            }
            for (String piece : pieces) {
                rest.add(call(t, null, null, piece));
            }
            if (announceAll) {
                identity.forEach(delta -> upstream.deltas.add(toolDelta(delta)));
                argumentDeltas.add(rest);
            } else {
                List<JsonObject> all = new ArrayList<>(identity);
                all.addAll(rest);
                all.forEach(delta -> upstream.deltas.add(toolDelta(delta)));
                if (t == textAfterTool) {
                    textAfterTools(upstream);
                }
            }
        }
        argumentDeltas.forEach(list -> list.forEach(delta -> upstream.deltas.add(toolDelta(delta))));
        if (announceAll && textAfterTool >= 0) {
            textAfterTools(upstream);
        }
        if (signatureOnFirstTool) {
            int first = 0;
            while (!upstream.deltas.get(first).containsKey("tool_calls")) {
                first++;
            }
            upstream.deltas.set(first, JsonIo.PROVIDER.createObjectBuilder(upstream.deltas.get(first)).add("reasoning_opaque", upstream.signature).build());
        }
    }

    private static void textAfterTools(Case upstream) {
        String more = randomText(upstream.random, 1, 20);
        upstream.textAfterTools += more;
        split(upstream.random, more).forEach(piece -> upstream.deltas.add(JsonIo.object().add("content", piece).build()));
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

    private static JsonObject toolDelta(JsonObject call) {
        return JsonIo.object().add("tool_calls", JsonIo.array().add(call)).build();
    }

    /** Adjacent deltas merged at random where one delta can say both, then the finish and usage chunks. */
    private static void chunk(Case upstream, boolean signatureOnFinish) {
        Random random = upstream.random;
        List<JsonObject> merged = new ArrayList<>();
        for (JsonObject delta : upstream.deltas) {
            JsonObject previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            JsonObject combined = previous != null && random.nextInt(4) == 0 ? merge(previous, delta) : null;
            if (combined != null) {
                merged.set(merged.size() - 1, combined);
            } else {
                merged.add(delta);
            }
        }
        String id = "chatcmpl-" + Long.toHexString(random.nextLong());
        JsonObject usage = JsonIo.object()
                .add("prompt_tokens", 100 + random.nextInt(1000))
                .add("completion_tokens", random.nextInt(500))
                .add("prompt_tokens_details", JsonIo.object().add("cached_tokens", random.nextInt(100)))
                .build();
        int usageAt = random.nextInt(3); // 0 on the finish chunk, 1 in a trailing chunk, 2 never
        upstream.usage = usageAt == 2 ? null : usage;
        JsonObjectBuilder finishDelta = JsonIo.object();
        if (!merged.isEmpty() && random.nextBoolean() && !signatureOnFinish) {
            finishDelta = JsonIo.PROVIDER.createObjectBuilder(merged.remove(merged.size() - 1));
        }
        if (signatureOnFinish) {
            finishDelta.add("content", "").add("reasoning_opaque", upstream.signature);
        }
        for (JsonObject delta : merged) {
            upstream.chunks.add(chunkJson(id, delta, null, null));
        }
        upstream.finishChunk = upstream.chunks.size();
        upstream.chunks.add(chunkJson(id, finishDelta.build(), upstream.finishReason, usageAt == 0 ? usage : null));
        if (usageAt == 1) {
            if (random.nextBoolean()) {
                upstream.chunks.add(JsonIo.object().add("id", id).add("choices", JsonValue.EMPTY_JSON_ARRAY)
                        .add("copilot_usage", JsonIo.object().add("total_nano_aiu", 1)).build().toString());
            }
            upstream.chunks.add(JsonIo.object().add("id", id).add("choices", JsonValue.EMPTY_JSON_ARRAY).add("usage", usage).build().toString());
        }
        if (random.nextInt(10) < 7) {
            upstream.chunks.add("[DONE]");
        }
    }

    /** a then b as one delta, when the translation reads them in that order (reasoning, content, opaque, tool calls). */
    private static JsonObject merge(JsonObject a, JsonObject b) {
        Set<String> ka = a.keySet();
        Set<String> kb = b.keySet();
        boolean onlyReasoning = ka.size() == 1 && kb.equals(ka) && !ka.contains("content") && !ka.contains("tool_calls") && !ka.contains("role");
        if (onlyReasoning) {
            String field = ka.iterator().next();
            return JsonIo.object().add(field, a.getString(field) + b.getString(field)).build();
        }
        if (ka.equals(Set.of("content")) && kb.equals(Set.of("content"))) {
            return JsonIo.object().add("content", a.getString("content") + b.getString("content")).build();
        }
        if (ka.equals(Set.of("content")) && kb.equals(Set.of("tool_calls"))) {
            return JsonIo.PROVIDER.createObjectBuilder(b).add("content", a.getString("content")).build();
        }
        if (ka.equals(Set.of("tool_calls")) && kb.equals(Set.of("tool_calls"))) {
            JsonArrayBuilder calls = JsonIo.array();
            a.getJsonArray("tool_calls").forEach(calls::add);
            b.getJsonArray("tool_calls").forEach(calls::add);
            return JsonIo.object().add("tool_calls", calls).build();
        }
        return null;
    }

    private static String chunkJson(String id, JsonObject delta, String finishReason, JsonObject usage) {
        JsonObjectBuilder choice = JsonIo.object().add("index", 0).add("delta", delta);
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = JsonIo.object().add("id", id).add("object", "chat.completion.chunk").add("model", "gpt-x")
                .add("choices", JsonIo.array().add(choice));
        if (usage != null) {
            chunk.add("usage", usage);
        }
        return chunk.build().toString();
    }

    private static String randomArguments(Random random) {
        JsonObjectBuilder arguments = JsonIo.object();
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            switch (random.nextInt(3)) {
                case 0 -> arguments.add("text" + i, randomText(random, 0, 30));
                case 1 -> arguments.add("n" + i, random.nextInt(1000));
                default -> arguments.add("list" + i, JsonIo.array().add(randomText(random, 0, 5)).add(random.nextBoolean()));
            }
        }
        return arguments.build().toString();
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

    /** Non-empty pieces cut at random points (never inside a surrogate pair, as a UTF-8 decoder would not). */
    private static List<String> split(Random random, String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 1 + random.nextInt(Math.max(1, text.length() / 2 + 1)));
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        if (pieces.isEmpty()) {
            pieces.add("");
        }
        return pieces;
    }
}
