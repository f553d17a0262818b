package dev.copilotgateway.translate.openai;

import static dev.copilotgateway.translate.openai.MessagesToChatStreamTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Random Anthropic Messages streams (text, thinking with signatures, redacted thinking, several tool_use blocks
 * whose {@code partial_json} is split at random points, pings; ended normally, by an {@code error} event or cut
 * short) must come out as a valid Chat chunk stream (§9.2) whose content, reasoning and per-tool arguments are
 * exactly what the upstream sent.
 */
class MessagesToChatStreamPropertyTest {

    private static final int CASES = 200;
    private static final String ALPHABET = "abcdefghij klmnop XYZ 0123 .,:;!? \"quoted\" back\\slash \n tab\t é ü 世界 🙂";

    private enum Ending { NORMAL, NO_MESSAGE_DELTA, ERROR, CUT }

    /** What the upstream's events carry, accumulated as they are fed. */
    private static final class Expected {
        final StringBuilder content = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();
        final StringBuilder opaque = new StringBuilder();
        final List<String[]> tools = new ArrayList<>();
    }

    /** One upstream event and what it adds to the expectation. */
    private record Step(SseEvent event, Consumer<Expected> effect) {
    }

    @Test
    void randomStreamsBecomeValidChatStreamsWithTheSameContent() {
        Random random = new Random(20261130L);
        for (int n = 0; n < CASES; n++) {
            Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
            long input = random.nextInt(5000);
            long cacheRead = random.nextInt(3) == 0 ? 0 : random.nextInt(90000);
            long cacheCreation = random.nextInt(3) == 0 ? 0 : random.nextInt(2000);
            long output = 1 + random.nextInt(4000);
            List<Step> steps = generate(random, ending, input, cacheRead, cacheCreation, output);
            if (ending == Ending.CUT) {
                steps = new ArrayList<>(steps.subList(0, 1 + random.nextInt(steps.size() - 1)));
            }
            MessagesToChatStream translator = new MessagesToChatStream("m", () -> "chatcmpl-x", 7L);
            List<SseEvent> out = new ArrayList<>();
            Expected expected = new Expected();
            for (Step step : steps) {
                step.effect.accept(expected);
                translator.onEvent(step.event, out::add);
            }
            translator.onUpstreamEnd(out::add);
            String label = "case " + n + " (" + ending + ")";
            assertTrue(translator.finished(), label);
            check(out, ending, expected, label, new long[] {input + cacheRead + cacheCreation, cacheRead, output});
        }
    }

    private static List<Step> generate(Random random, Ending ending, long input, long cacheRead, long cacheCreation, long output) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(event("message_start", "{\"message\":{\"id\":\"msg_p\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                + "\"usage\":{\"input_tokens\":" + input + ",\"output_tokens\":1,\"cache_read_input_tokens\":" + cacheRead
                + ",\"cache_creation_input_tokens\":" + cacheCreation + "}}}"), expected -> { }));
        int blocks = random.nextInt(7);
        boolean anyTool = false;
        for (int index = 0; index < blocks; index++) {
            ping(random, steps);
            int kind = random.nextInt(10);
            int block = index;
            if (kind < 3) {
                steps.add(new Step(event("content_block_start", "{\"index\":" + block + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"), e -> { }));
                for (String piece : split(random, text(random))) {
                    steps.add(new Step(delta(block, "text_delta", "text", piece), e -> e.content.append(piece)));
                    ping(random, steps);
                }
            } else if (kind < 5) {
                steps.add(new Step(event("content_block_start", "{\"index\":" + block + ",\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"), e -> { }));
                for (String piece : split(random, text(random))) {
                    steps.add(new Step(delta(block, "thinking_delta", "thinking", piece), e -> e.reasoning.append(piece)));
                    ping(random, steps);
                }
                String signature = "sig" + random.nextInt(1_000_000) + "/+=";
                steps.add(new Step(delta(block, "signature_delta", "signature", signature), e -> e.opaque.append(signature)));
            } else if (kind < 6) {
                String data = "redacted" + random.nextInt(1000);
                steps.add(new Step(event("content_block_start", "{\"index\":" + block + ",\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"" + data + "\"}}"),
                        e -> e.opaque.append(data)));
            } else {
                anyTool = true;
                String id = "toolu_" + block + "_" + random.nextInt(1000);
                String name = "tool" + random.nextInt(5);
                String arguments = JsonIo.object().add("path", text(random)).add("n", random.nextInt(100)).add("flag", random.nextBoolean()).build().toString();
                steps.add(new Step(event("content_block_start", "{\"index\":" + block + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id
                        + "\",\"name\":\"" + name + "\",\"input\":{}}}"), e -> e.tools.add(new String[] {id, name, ""})));
                for (String piece : split(random, arguments)) {
                    steps.add(new Step(delta(block, "input_json_delta", "partial_json", piece), e -> {
                        String[] tool = e.tools.get(e.tools.size() - 1);
                        tool[2] += piece;
                    }));
                    ping(random, steps);
                }
            }
            steps.add(new Step(event("content_block_stop", "{\"index\":" + block + "}"), e -> { }));
        }
        ping(random, steps);
        if (ending == Ending.ERROR) {
            steps.add(new Step(event("error", "{\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"), e -> { }));
            return steps;
        }
        if (ending != Ending.NO_MESSAGE_DELTA) {
            String stopReason = anyTool ? "tool_use" : random.nextBoolean() ? "end_turn" : "max_tokens";
            steps.add(new Step(event("message_delta", "{\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                    + output + "}}"), e -> { }));
        }
        steps.add(new Step(event("message_stop", "{}"), e -> { }));
        return steps;
    }

    /**
     * The chunk grammar: unnamed events, the role chunk first, one envelope, tool calls announced with indexes
     * 0, 1, … (id, type, name) before their argument deltas; then one finish chunk, a usage chunk and {@code [DONE]},
     * or an error frame last. The collected content, reasoning, opaque data and tool calls equal the upstream's.
     */
    private static void check(List<SseEvent> out, Ending ending, Expected expected, String label, long[] usage) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder opaque = new StringBuilder();
        List<String[]> tools = new ArrayList<>();
        String finishReason = null;
        boolean usageSeen = false;
        boolean doneSeen = false;
        boolean errorSeen = false;
        for (int i = 0; i < out.size(); i++) {
            SseEvent event = out.get(i);
            String at = label + ", event " + i + " " + event.data();
            assertEquals(null, event.event(), at);
            assertFalse(doneSeen || errorSeen, at + ": nothing after the end");
            if (event.isDone()) {
                assertTrue(usageSeen, at + ": [DONE] after the usage chunk");
                doneSeen = true;
                continue;
            }
            JsonObject data = (JsonObject) JsonIo.read(event.data());
            if (data.containsKey("error")) {
                assertTrue(data.getJsonObject("error").containsKey("message") && data.getJsonObject("error").containsKey("type"), at);
                errorSeen = true;
                continue;
            }
            assertEquals("msg_p", data.getString("id"), at);
            assertEquals("chat.completion.chunk", data.getString("object"), at);
            assertEquals("m", data.getString("model"), at);
            assertEquals(7, data.getInt("created"), at);
            JsonArray choices = data.getJsonArray("choices");
            if (choices.isEmpty()) {
                assertNotNull(finishReason, at + ": usage after the finish chunk");
                assertFalse(usageSeen, at);
                usageSeen = true;
                JsonObject chatUsage = data.getJsonObject("usage");
                assertEquals(usage[0], chatUsage.getJsonNumber("prompt_tokens").longValue(), at);
                assertEquals(usage[1], chatUsage.getJsonObject("prompt_tokens_details").getJsonNumber("cached_tokens").longValue(), at);
                if (ending == Ending.NORMAL) {
                    assertEquals(usage[2], chatUsage.getJsonNumber("completion_tokens").longValue(), at);
                }
                assertEquals(chatUsage.getJsonNumber("prompt_tokens").longValue() + chatUsage.getJsonNumber("completion_tokens").longValue(),
                        chatUsage.getJsonNumber("total_tokens").longValue(), at);
                continue;
            }
            assertFalse(usageSeen, at);
            JsonObject choice = choices.getJsonObject(0);
            JsonObject delta = choice.getJsonObject("delta");
            assertEquals(i == 0, delta.containsKey("role"), at + ": the role chunk comes first and once");
            if (choice.get("finish_reason") != JsonValue.NULL) {
                assertEquals(null, finishReason, at + ": one finish chunk");
                assertTrue(delta.isEmpty(), at);
                finishReason = choice.getString("finish_reason");
                continue;
            }
            assertEquals(null, finishReason, at + ": nothing but usage after the finish chunk");
            content.append(delta.getString("content", ""));
            reasoning.append(delta.getString("reasoning_text", ""));
            opaque.append(delta.getString("reasoning_opaque", ""));
            if (delta.get("tool_calls") instanceof JsonArray calls) {
                assertEquals(1, calls.size(), at);
                JsonObject call = calls.getJsonObject(0);
                int index = call.getInt("index");
                JsonObject function = call.getJsonObject("function");
                if (call.containsKey("id")) {
                    assertEquals(tools.size(), index, at + ": tool indexes 0, 1, … in order");
                    assertEquals("function", call.getString("type"), at);
                    tools.add(new String[] {call.getString("id"), function.getString("name"), function.getString("arguments")});
                } else {
                    assertTrue(index < tools.size(), at + ": arguments for an announced call");
                    assertEquals(index, tools.size() - 1, at + ": arguments for the latest call (blocks do not interleave)");
                    tools.get(index)[2] += function.getString("arguments");
                }
            }
        }
        if (ending == Ending.NORMAL || ending == Ending.NO_MESSAGE_DELTA) {
            assertTrue(doneSeen && !errorSeen, label);
            if (expected.tools.isEmpty()) {
                assertTrue(finishReason.equals("stop") || finishReason.equals("length"), label + ": " + finishReason);
            } else {
                assertEquals("tool_calls", finishReason, label);
            }
        } else {
            assertTrue(errorSeen && !doneSeen, label + ": an error frame, never a silent end");
        }
        assertEquals(expected.content.toString(), content.toString(), label);
        assertEquals(expected.reasoning.toString(), reasoning.toString(), label);
        assertEquals(expected.opaque.toString(), opaque.toString(), label);
        assertEquals(expected.tools.size(), tools.size(), label);
        for (int k = 0; k < tools.size(); k++) {
            String[] want = expected.tools.get(k);
            String[] got = tools.get(k);
            assertEquals(want[0], got[0], label + " tool " + k);
            assertEquals(want[1], got[1], label + " tool " + k);
            assertEquals(want[2], got[2], label + " tool " + k);
        }
    }

    private static SseEvent delta(int index, String type, String field, String value) {
        return SseEvent.named("content_block_delta", JsonIo.object()
                .add("type", "content_block_delta")
                .add("index", index)
                .add("delta", JsonIo.object().add("type", type).add(field, value))
                .build()
                .toString());
    }

    private static void ping(Random random, List<Step> steps) {
        if (random.nextInt(4) == 0) {
            steps.add(new Step(SseEvent.named("ping", "{\"type\":\"ping\"}"), e -> { }));
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(40);
        while (text.length() < length) {
            text.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return text.toString();
    }

    /** {@code text} in 1–5 pieces cut at random code-point boundaries (empty pieces included, as upstreams send them). */
    private static List<String> split(Random random, String text) {
        int points = text.codePointCount(0, text.length());
        int pieces = 1 + random.nextInt(5);
        List<Integer> bounds = new ArrayList<>();
        for (int i = 1; i < pieces; i++) {
            bounds.add(random.nextInt(points + 1));
        }
        bounds.sort(null);
        List<String> result = new ArrayList<>();
        int from = 0;
        for (int bound : bounds) {
            result.add(text.substring(text.offsetByCodePoints(0, from), text.offsetByCodePoints(0, bound)));
            from = bound;
        }
        result.add(text.substring(text.offsetByCodePoints(0, from)));
        return result;
    }
}
