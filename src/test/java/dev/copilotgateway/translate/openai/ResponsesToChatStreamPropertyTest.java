package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random Responses streams (reasoning, text and refusals, function calls; deltas split at random points or left to
 * the {@code *.done} events; pings; completed, incomplete, failed or cut short) must come out as a valid Chat chunk
 * stream carrying exactly the upstream's text and calls, in order (§8.3).
 */
class ResponsesToChatStreamPropertyTest {

    private static final int CASES = 200;
    private static final String ALPHABET = "abcdefghij klmnop XYZ 0123 .,:;!? \"quoted\" back\\slash \n tab\t é ü 世界 🙂";

    private enum Ending { COMPLETED, INCOMPLETE, FAILED, CUT }

    @Test
    void randomStreamsBecomeValidChatStreamsWithTheSameContent() {
        Random random = new Random(20240611L);
        for (int n = 0; n < CASES; n++) {
            Case generated = generate(random);
            ResponsesToChatStream translator = new ResponsesToChatStream("m", () -> "chatcmpl-x", 1L);
            List<SseEvent> out = new ArrayList<>();
            generated.events.forEach(event -> translator.onEvent(event, out::add));
            if (generated.ending == Ending.CUT) {
                translator.onUpstreamEnd(out::add);
            }
            String label = "case " + n + " (" + generated.ending + ")";
            assertTrue(translator.finished(), label);
            List<String> segments = check(out, generated.ending, label);
            if (generated.ending != Ending.CUT) {
                assertEquals(generated.segments, segments, label);
            }
        }
    }

    /**
     * Checks the chunk grammar (unnamed events; the role chunk first; one envelope; tool calls announced with
     * indexes 0, 1, … before their arguments; then either one finish chunk, a usage chunk and {@code [DONE]}, or an
     * error frame last) and returns the content as segments: {@code T:<text>} for a run of text,
     * {@code C:<id>:<name>:<arguments>} for a tool call.
     */
    private static List<String> check(List<SseEvent> out, Ending ending, String label) {
        List<String> segments = new ArrayList<>();
        int tools = 0;
        boolean finishSeen = false;
        for (int i = 0; i < out.size(); i++) {
            SseEvent event = out.get(i);
            String at = label + ", event " + i + " " + event.data();
            assertEquals(null, event.event(), at);
            boolean last = i == out.size() - 1;
            if (event.isDone()) {
                assertTrue(last && finishSeen, at);
                continue;
            }
            JsonObject data = (JsonObject) JsonIo.read(event.data());
            if (data.containsKey("error")) {
                assertTrue(last && !finishSeen, at);
                assertTrue(ending == Ending.FAILED || ending == Ending.CUT, at);
                continue;
            }
            assertEquals("resp_p", data.getString("id"), at);
            assertEquals("chat.completion.chunk", data.getString("object"), at);
            if (data.getJsonArray("choices").isEmpty()) {
                assertTrue(finishSeen && data.containsKey("usage"), at);
                assertTrue(out.get(i + 1).isDone(), at + ": usage then [DONE]");
                continue;
            }
            JsonObject choice = data.getJsonArray("choices").getJsonObject(0);
            JsonObject delta = choice.getJsonObject("delta");
            assertFalse(finishSeen, at + ": nothing after the finish chunk but usage");
            assertEquals(i == 0, delta.containsKey("role"), at + ": the role chunk comes first, once");
            if (!choice.isNull("finish_reason")) {
                assertTrue(delta.isEmpty(), at);
                String expected = ending == Ending.INCOMPLETE ? "length" : tools > 0 ? "tool_calls" : "stop";
                assertEquals(expected, choice.getString("finish_reason"), at);
                finishSeen = true;
            } else if (delta.containsKey("content")) {
                String text = delta.getString("content");
                int lastIndex = segments.size() - 1;
                if (lastIndex >= 0 && segments.get(lastIndex).startsWith("T:")) {
                    segments.set(lastIndex, segments.get(lastIndex) + text);
                } else {
                    segments.add("T:" + text);
                }
            } else if (delta.containsKey("tool_calls")) {
                JsonObject call = delta.getJsonArray("tool_calls").getJsonObject(0);
                if (call.containsKey("id")) {
                    assertEquals(tools++, call.getInt("index"), at);
                    segments.add("C:" + call.getString("id") + ":" + call.getJsonObject("function").getString("name") + ":");
                } else {
                    assertEquals(tools - 1, call.getInt("index"), at + ": arguments of the call announced last");
                    segments.set(segments.size() - 1, segments.get(segments.size() - 1) + call.getJsonObject("function").getString("arguments"));
                }
            } else {
                assertEquals(0, i, at);
            }
        }
        boolean normalEnd = ending == Ending.COMPLETED || ending == Ending.INCOMPLETE;
        assertEquals(normalEnd, finishSeen, label);
        return segments;
    }

    /** A generated upstream stream, how it ends, and the content segments a client must end up with. */
    private static final class Case {
        final List<SseEvent> events = new ArrayList<>();
        final List<String> segments = new ArrayList<>();
        final Random random;
        Ending ending;
        int sequence;

        Case(Random random) {
            this.random = random;
        }

        void add(String type, JsonObjectBuilder body) {
            if (random.nextInt(8) == 0) {
                events.add(SseEvent.named("ping", "{}"));
            }
            events.add(SseEvent.named(type, JsonIo.object().add("type", type).add("sequence_number", sequence++).addAll(body).build().toString()));
        }

        void text(String text) {
            int last = segments.size() - 1;
            if (last >= 0 && segments.get(last).startsWith("T:")) {
                segments.set(last, segments.get(last) + text);
            } else {
                segments.add("T:" + text);
            }
        }
    }

    private static Case generate(Random random) {
        Case generated = new Case(random);
        generated.ending = Ending.values()[random.nextInt(Ending.values().length)];
        generated.add("response.created", JsonIo.object().add("response", response("in_progress")));
        int items = random.nextInt(5);
        for (int output = 0; output < items; output++) {
            switch (random.nextInt(3)) {
                case 0 -> reasoning(generated, output);
                case 1 -> message(generated, output);
                default -> functionCall(generated, output);
            }
        }
        switch (generated.ending) {
            case COMPLETED -> generated.add("response.completed", JsonIo.object().add("response", response("completed")));
            case INCOMPLETE -> generated.add("response.incomplete", JsonIo.object().add("response", response("incomplete")
                    .add("incomplete_details", JsonIo.object().add("reason", "max_output_tokens"))));
            case FAILED -> generated.add("response.failed", JsonIo.object().add("response", response("failed")
                    .add("error", JsonIo.object().add("code", "server_error").add("message", "boom"))));
            case CUT -> {
                int keep = 1 + random.nextInt(generated.events.size());
                generated.events.subList(keep, generated.events.size()).clear();
            }
            default -> throw new AssertionError();
        }
        return generated;
    }

    private static JsonObjectBuilder response(String status) {
        return JsonIo.object().add("id", "resp_p").add("created_at", 1732240000).add("model", "gpt-5.2-codex").add("status", status)
                .add("usage", JsonIo.object().add("input_tokens", 10).add("output_tokens", 5).add("total_tokens", 15));
    }

    /** Reasoning is not passed on to Chat clients: it must leave no trace. */
    private static void reasoning(Case generated, int output) {
        Random random = generated.random;
        generated.add("response.output_item.added", JsonIo.object().add("output_index", output)
                .add("item", JsonIo.object().add("id", "rs_" + output).add("type", "reasoning").add("summary", JsonIo.array())));
        String text = text(random);
        for (String piece : split(text, random)) {
            generated.add("response.reasoning_summary_text.delta", JsonIo.object().add("output_index", output).add("summary_index", 0).add("delta", piece));
        }
        generated.add("response.reasoning_summary_text.done", JsonIo.object().add("output_index", output).add("summary_index", 0).add("text", text));
        generated.add("response.output_item.done", JsonIo.object().add("output_index", output).add("item", JsonIo.object()
                .add("id", "rs_" + output).add("type", "reasoning").add("encrypted_content", "E")
                .add("summary", JsonIo.array().add(JsonIo.object().add("type", "summary_text").add("text", text)))));
    }

    private static void message(Case generated, int output) {
        Random random = generated.random;
        generated.add("response.output_item.added", JsonIo.object().add("output_index", output)
                .add("item", JsonIo.object().add("id", "msg_" + output).add("type", "message").add("role", "assistant").add("content", JsonIo.array())));
        int parts = 1 + random.nextInt(2);
        JsonArrayBuilder content = JsonIo.array();
        for (int part = 0; part < parts; part++) {
            String text = text(random);
            String kind = random.nextInt(6) == 0 ? "refusal" : "output_text";
            String field = kind.equals("refusal") ? "refusal" : "text";
            content.add(JsonIo.object().add("type", kind).add(field, text));
            JsonObject where = JsonIo.object().add("item_id", "msg_" + output).add("output_index", output).add("content_index", part).build();
            int mode = random.nextInt(6);
            if (mode > 0) {
                for (String piece : split(text, random)) {
                    generated.add("response." + kind + ".delta", JsonIo.PROVIDER.createObjectBuilder(where).add("delta", piece));
                }
            }
            if (mode != 1) {
                generated.add("response." + kind + ".done", JsonIo.PROVIDER.createObjectBuilder(where).add(field, text));
            }
            generated.text(text);
        }
        generated.add("response.output_item.done", JsonIo.object().add("output_index", output)
                .add("item", JsonIo.object().add("id", "msg_" + output).add("type", "message").add("role", "assistant").add("content", content)));
    }

    private static void functionCall(Case generated, int output) {
        Random random = generated.random;
        String callId = "call_" + random.nextInt(1_000_000);
        String name = "tool_" + output;
        String arguments = JsonIo.object().add("text", text(random)).add("n", random.nextInt(1000)).build().toString();
        boolean inAdded = random.nextInt(6) == 0;
        generated.add("response.output_item.added", JsonIo.object().add("output_index", output).add("item", JsonIo.object()
                .add("type", "function_call").add("call_id", callId).add("name", name).add("arguments", inAdded ? arguments : "")));
        if (!inAdded && random.nextInt(5) > 0) {
            for (String piece : split(arguments, random)) {
                generated.add("response.function_call_arguments.delta", JsonIo.object().add("output_index", output).add("delta", piece));
            }
        }
        if (random.nextBoolean()) {
            generated.add("response.function_call_arguments.done", JsonIo.object().add("output_index", output).add("arguments", arguments));
        }
        generated.add("response.output_item.done", JsonIo.object().add("output_index", output).add("item", JsonIo.object()
                .add("type", "function_call").add("call_id", callId).add("name", name).add("arguments", arguments)));
        generated.segments.add("C:" + callId + ":" + name + ":" + arguments);
    }

    /** 1 to 40 code points from {@link #ALPHABET}. */
    private static String text(Random random) {
        int[] codePoints = ALPHABET.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }

    /** {@code text} cut at random points, never inside a surrogate pair (upstream deltas are whole UTF-8 characters). */
    private static List<String> split(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 1 + random.nextInt(8));
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
