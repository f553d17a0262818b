package dev.copilotgateway.translate.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Random Responses streams (reasoning summaries, text, function calls; deltas split at random points or left to the
 * {@code *.done} events; pings anywhere; completed, incomplete, failed or cut short) must come out as a valid
 * Anthropic event sequence whose blocks hold exactly the upstream content (§7.3).
 */
class ResponsesToAnthropicStreamPropertyTest {

    private static final int CASES = 200;
    private static final String ALPHABET = "abcdefghij klmnop XYZ 0123 .,:;!? \"quoted\" back\\slash \n tab\t é ü 世界 🙂";

    /** One expected Anthropic content block: its type, its text (thinking, text or JSON), signature, tool id and name. */
    private record Block(String type, String content, String signature, String id, String name) {
    }

    private enum Ending { COMPLETED, INCOMPLETE, FAILED, CUT }

    @Test
    void randomStreamsBecomeValidAnthropicStreamsWithTheSameContent() {
        Random random = new Random(20240607L);
        for (int n = 0; n < CASES; n++) {
            Case generated = generate(random);
            ResponsesToAnthropicStream translator = new ResponsesToAnthropicStream("m", () -> "msg_x");
            List<SseEvent> out = new ArrayList<>();
            generated.events.forEach(event -> translator.onEvent(event, out::add));
            if (generated.ending == Ending.CUT) {
                translator.onUpstreamEnd(out::add);
            }
            String label = "case " + n + " (" + generated.ending + ")";
            List<JsonObject> events = ResponsesFixtures.data(out);
            List<Block> blocks = checkGrammar(events, label);
            assertTrue(translator.finished(), label);
            JsonObject last = events.get(events.size() - 1);
            switch (generated.ending) {
                case COMPLETED, INCOMPLETE -> {
                    assertEquals(generated.blocks, blocks, label);
                    assertEquals("message_stop", last.getString("type"), label);
                    JsonObject delta = events.get(events.size() - 2).getJsonObject("delta");
                    String expectedStop = generated.ending == Ending.INCOMPLETE ? "max_tokens"
                            : generated.blocks.stream().anyMatch(block -> block.type.equals("tool_use")) ? "tool_use" : "end_turn";
                    assertEquals(expectedStop, delta.getString("stop_reason"), label);
                }
                case FAILED -> {
                    assertEquals(generated.blocks, blocks, label);
                    assertEquals("error", last.getString("type"), label);
                }
                case CUT -> assertEquals("error", last.getString("type"), label);
                default -> throw new AssertionError(label);
            }
        }
    }

    /**
     * Checks the Anthropic stream grammar (message_start first and once; blocks one at a time with indexes 0, 1, …;
     * deltas of the block's own kind; a thinking block signed before its stop; message_delta then message_stop, or
     * an error, last; pings anywhere after the start) and returns the blocks the deltas build.
     */
    private static List<Block> checkGrammar(List<JsonObject> events, String label) {
        List<Block> blocks = new ArrayList<>();
        String openType = null;
        StringBuilder content = null;
        String signature = null;
        String id = null;
        String name = null;
        boolean messageDelta = false;
        for (int i = 0; i < events.size(); i++) {
            JsonObject event = events.get(i);
            String type = event.getString("type");
            String at = label + ", event " + i + " " + event;
            assertTrue(i == 0 ? type.equals("message_start") || type.equals("error") : !type.equals("message_start"), at);
            assertTrue(!messageDelta || type.equals("message_stop"), at);
            switch (type) {
                case "message_start", "ping" -> { }
                case "content_block_start" -> {
                    assertEquals(null, openType, at);
                    assertEquals(blocks.size(), event.getInt("index"), at);
                    JsonObject block = event.getJsonObject("content_block");
                    openType = block.getString("type");
                    content = new StringBuilder();
                    signature = null;
                    id = openType.equals("tool_use") ? block.getString("id") : null;
                    name = openType.equals("tool_use") ? block.getString("name") : null;
                }
                case "content_block_delta" -> {
                    assertEquals(blocks.size(), event.getInt("index"), at);
                    JsonObject delta = event.getJsonObject("delta");
                    String deltaType = delta.getString("type");
                    assertEquals(null, signature, at + ": nothing after the signature");
                    switch (openType) {
                        case "text" -> content.append(assertKind("text_delta", deltaType, delta.getString("text"), at));
                        case "tool_use" -> content.append(assertKind("input_json_delta", deltaType, delta.getString("partial_json"), at));
                        case "thinking" -> {
                            if (deltaType.equals("signature_delta")) {
                                signature = delta.getString("signature");
                            } else {
                                content.append(assertKind("thinking_delta", deltaType, delta.getString("thinking"), at));
                            }
                        }
                        default -> throw new AssertionError(at);
                    }
                }
                case "content_block_stop" -> {
                    assertEquals(blocks.size(), event.getInt("index"), at);
                    assertTrue(!openType.equals("thinking") || signature != null, at + ": thinking stops after its signature");
                    blocks.add(new Block(openType, content.toString(), signature, id, name));
                    openType = null;
                }
                case "message_delta" -> {
                    assertEquals(null, openType, at);
                    messageDelta = true;
                }
                case "message_stop", "error" -> {
                    assertEquals(null, openType, at);
                    assertTrue(type.equals("error") || messageDelta, at);
                    assertEquals(events.size() - 1, i, at + ": the last event");
                }
                default -> throw new AssertionError(at);
            }
        }
        return blocks;
    }

    private static String assertKind(String expected, String actual, String value, String at) {
        assertEquals(expected, actual, at);
        return value;
    }

    /** A generated upstream stream, how it ends, and the blocks a client must end up with. */
    private static final class Case {
        final List<SseEvent> events = new ArrayList<>();
        final List<Block> blocks = new ArrayList<>();
        Ending ending;
        int sequence;
        final Random random;

        Case(Random random) {
            this.random = random;
        }

        void add(String type, JsonObjectBuilder body) {
            if (random.nextInt(8) == 0) {
                events.add(SseEvent.named("ping", "{}"));
            }
            events.add(SseEvent.named(type, JsonIo.object().add("type", type).add("sequence_number", sequence++).addAll(body).build().toString()));
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
        return JsonIo.object().add("id", "resp_p").add("model", "gpt-5.2-codex").add("status", status)
                .add("usage", JsonIo.object().add("input_tokens", 10).add("output_tokens", 5));
    }

    private static void reasoning(Case generated, int output) {
        Random random = generated.random;
        String id = "rs_" + output;
        String encrypted = "enc" + random.nextInt(1_000_000);
        generated.add("response.output_item.added", JsonIo.object().add("output_index", output)
                .add("item", JsonIo.object().add("id", id).add("type", "reasoning").add("summary", JsonIo.array())));
        int parts = random.nextInt(4);
        List<String> texts = new ArrayList<>();
        JsonArrayBuilder summary = JsonIo.array();
        for (int part = 0; part < parts; part++) {
            String text = text(random);
            texts.add(text);
            summary.add(JsonIo.object().add("type", "summary_text").add("text", text));
            JsonObject where = JsonIo.object().add("item_id", id).add("output_index", output).add("summary_index", part).build();
            if (random.nextInt(5) > 0) {
                for (String piece : split(text, random)) {
                    generated.add("response.reasoning_summary_text.delta", with(where).add("delta", piece));
                }
            }
            generated.add("response.reasoning_summary_text.done", with(where).add("text", text));
        }
        generated.add("response.output_item.done", JsonIo.object().add("output_index", output).add("item", JsonIo.object()
                .add("id", id).add("type", "reasoning").add("summary", summary).add("encrypted_content", encrypted)));
        String thinking = texts.isEmpty() ? "Thinking..." : String.join("\n\n", texts);
        generated.blocks.add(new Block("thinking", thinking, encrypted + "@" + id, null, null));
    }

    private static void message(Case generated, int output) {
        Random random = generated.random;
        String id = "msg_" + output;
        generated.add("response.output_item.added", JsonIo.object().add("output_index", output)
                .add("item", JsonIo.object().add("id", id).add("type", "message").add("role", "assistant").add("content", JsonIo.array())));
        int parts = 1 + random.nextInt(2);
        JsonArrayBuilder content = JsonIo.array();
        for (int part = 0; part < parts; part++) {
            String text = text(random);
            boolean refusal = random.nextInt(6) == 0;
            String kind = refusal ? "refusal" : "output_text";
            content.add(JsonIo.object().add("type", kind).add(refusal ? "refusal" : "text", text));
            JsonObject where = JsonIo.object().add("item_id", id).add("output_index", output).add("content_index", part).build();
            if (random.nextInt(5) > 0) {
                for (String piece : split(text, random)) {
                    generated.add("response." + (refusal ? "refusal" : "output_text") + ".delta", with(where).add("delta", piece));
                }
            }
            generated.add("response." + (refusal ? "refusal" : "output_text") + ".done",
                    with(where).add(refusal ? "refusal" : "text", text));
            generated.blocks.add(new Block("text", text, null, null, null));
        }
        generated.add("response.output_item.done", JsonIo.object().add("output_index", output)
                .add("item", JsonIo.object().add("id", id).add("type", "message").add("role", "assistant").add("content", content)));
    }

    private static void functionCall(Case generated, int output) {
        Random random = generated.random;
        String callId = "call_" + random.nextInt(1_000_000);
        String name = "tool_" + output;
        String arguments = JsonIo.object().add("text", text(random)).add("n", random.nextInt(1000)).add("flag", random.nextBoolean()).build().toString();
        boolean inAdded = random.nextInt(6) == 0;
        generated.add("response.output_item.added", JsonIo.object().add("output_index", output).add("item", JsonIo.object()
                .add("id", "fc_" + output).add("type", "function_call").add("call_id", callId).add("name", name)
                .add("arguments", inAdded ? arguments : "")));
        JsonObject where = JsonIo.object().add("item_id", "fc_" + output).add("output_index", output).build();
        if (!inAdded && random.nextInt(5) > 0) {
            for (String piece : split(arguments, random)) {
                generated.add("response.function_call_arguments.delta", with(where).add("delta", piece));
            }
        }
        generated.add("response.function_call_arguments.done", with(where).add("arguments", arguments));
        generated.add("response.output_item.done", JsonIo.object().add("output_index", output).add("item", JsonIo.object()
                .add("id", "fc_" + output).add("type", "function_call").add("call_id", callId).add("name", name).add("arguments", arguments)));
        generated.blocks.add(new Block("tool_use", arguments, null, callId, name));
    }

    /** A builder starting with the fields of {@code where} (a built object: builders are emptied by build()). */
    private static JsonObjectBuilder with(JsonObject where) {
        return JsonIo.PROVIDER.createObjectBuilder(where);
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
