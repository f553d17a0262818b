package dev.copilotgateway.translate.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.sse.SseEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random Chat streams (reasoning with a signature, text, several tool calls whose arguments are split at random
 * points, random chunking, usage on the finish chunk or after it; a quarter cut before the finish) must come out as
 * a valid Responses event stream (TRANSLATION §10, UPSTREAM §9.3) carrying exactly the upstream's reasoning, text
 * and arguments, in the deltas and in the final response alike.
 */
class ChatToResponsesStreamPropertyTest {

    private static final int CASES = 200;
    private static final String ALPHABET = "abcdefghij klmnop XYZ 0123 .,:;!? \"quoted\" {}[] back\\slash \n tab\t é ü 世界 🙂";
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    /** What the upstream said; the client must see the same. */
    private static final class Expected {
        String reasoning = "";
        String opaque;
        String text = "";
        final Map<String, String> calls = new LinkedHashMap<>();
        boolean cut;
        boolean length;
    }

    @Test
    void randomChatStreamsBecomeValidResponsesStreamsWithTheSameContent() {
        Random random = new Random(20261130L);
        for (int n = 0; n < CASES; n++) {
            Expected expected = new Expected();
            List<String> chunks = generate(random, expected);
            ChatToResponsesStream translator = ChatToResponsesStreamTest.translator();
            List<SseEvent> out = new ArrayList<>();
            chunks.forEach(chunk -> translator.onEvent(SseEvent.data(chunk), out::add));
            if (expected.cut || random.nextBoolean()) {
                translator.onUpstreamEnd(out::add);
            }
            String label = "case " + n + (expected.cut ? " (cut)" : expected.length ? " (length)" : "");
            assertTrue(translator.finished(), label);
            check(out, expected, label);
        }
    }

    /** One output item as the events built it up. */
    private static final class Seen {
        final String id;
        final String type;
        final StringBuilder deltas = new StringBuilder();
        boolean partAdded;
        JsonObject done;

        Seen(String id, String type) {
            this.id = id;
            this.type = type;
        }
    }

    private static void check(List<SseEvent> out, Expected expected, String label) {
        List<Seen> items = new ArrayList<>();
        JsonObject finalResponse = null;
        for (int i = 0; i < out.size(); i++) {
            SseEvent event = out.get(i);
            JsonObject data = (JsonObject) JsonIo.read(event.data());
            String at = label + ", event " + i + " " + event.data();
            assertEquals(event.event(), data.getString("type"), at);
            assertEquals(i, data.getInt("sequence_number"), at + ": sequence numbers count from 0 without gaps");
            assertNull(finalResponse, at + ": nothing after the terminal event");
            String type = event.event();
            if (i == 0 || i == 1) {
                assertEquals(i == 0 ? "response.created" : "response.in_progress", type, at);
                continue;
            }
            if (TERMINAL.contains(type)) {
                finalResponse = data.getJsonObject("response");
                for (Seen item : items) {
                    assertNotNull(item.done, at + ": every added item is done before the end (" + item.id + ")");
                }
                continue;
            }
            if (type.equals("response.output_item.added")) {
                assertEquals(items.size(), data.getInt("output_index"), at);
                JsonObject item = data.getJsonObject("item");
                items.add(new Seen(item.getString("id"), item.getString("type")));
                continue;
            }
            Seen item = items.get(data.getInt("output_index"));
            assertNull(item.done, at + ": no event for an item after it is done");
            if (!type.equals("response.output_item.done")) {
                assertEquals(item.id, data.getString("item_id"), at);
            }
            switch (type) {
                case "response.reasoning_summary_part.added", "response.content_part.added" -> {
                    assertFalse(item.partAdded, at);
                    item.partAdded = true;
                }
                case "response.reasoning_summary_text.delta", "response.output_text.delta" -> {
                    assertTrue(item.partAdded, at + ": a part is added before its deltas");
                    item.deltas.append(data.getString("delta"));
                }
                case "response.function_call_arguments.delta" -> item.deltas.append(data.getString("delta"));
                case "response.reasoning_summary_text.done", "response.output_text.done" ->
                        assertEquals(item.deltas.toString(), data.getString("text"), at);
                case "response.function_call_arguments.done" -> assertEquals(item.deltas.toString(), data.getString("arguments"), at);
                case "response.reasoning_summary_part.done", "response.content_part.done" ->
                        assertEquals(item.deltas.toString(), data.getJsonObject("part").getString("text"), at);
                case "response.output_item.done" -> {
                    item.done = data.getJsonObject("item");
                    assertEquals(item.id, item.done.getString("id"), at);
                    assertEquals(item.type, item.done.getString("type"), at);
                }
                default -> throw new AssertionError(at + ": unexpected event");
            }
        }
        assertNotNull(finalResponse, label + ": exactly one terminal event, last");
        String terminal = out.get(out.size() - 1).event();
        assertEquals(expected.cut ? "response.failed" : expected.length ? "response.incomplete" : "response.completed", terminal, label);
        assertEquals(items.size(), finalResponse.getJsonArray("output").size(), label);
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        Map<String, String> calls = new LinkedHashMap<>();
        String opaque = null;
        for (int k = 0; k < items.size(); k++) {
            Seen item = items.get(k);
            JsonObject output = finalResponse.getJsonArray("output").getJsonObject(k);
            assertEquals(item.done, output, label + ": the final response holds the items as they were done");
            switch (item.type) {
                case "reasoning" -> {
                    String summary = output.getJsonArray("summary").isEmpty() ? ""
                            : output.getJsonArray("summary").getJsonObject(0).getString("text");
                    assertEquals(item.deltas.toString(), summary, label);
                    reasoning.append(summary);
                    opaque = output.getString("encrypted_content", opaque);
                }
                case "message" -> {
                    String messageText = output.getJsonArray("content").getJsonObject(0).getString("text");
                    assertEquals(item.deltas.toString(), messageText, label);
                    text.append(messageText);
                }
                default -> {
                    assertEquals(item.deltas.toString(), output.getString("arguments"), label);
                    calls.put(output.getString("call_id"), output.getString("arguments"));
                }
            }
        }
        if (expected.cut) {
            assertTrue(expected.reasoning.startsWith(reasoning.toString()), label);
            assertTrue(expected.text.startsWith(text.toString()), label);
            return;
        }
        assertEquals(expected.reasoning, reasoning.toString(), label);
        assertEquals(expected.opaque, opaque, label);
        assertEquals(expected.text, text.toString(), label);
        assertEquals(expected.calls, calls, label);
        assertEquals(14, finalResponse.getJsonObject("usage").getInt("total_tokens"), label);
    }

    /** A delta fragment and its place in Chat's order (reasoning, signature, text, tool calls). */
    private record Fragment(int rank, String key, JsonObjectBuilder delta) {
    }

    private static List<String> generate(Random random, Expected expected) {
        List<Fragment> fragments = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            expected.reasoning = text(random);
            for (String piece : split(expected.reasoning, random)) {
                fragments.add(new Fragment(0, "reasoning_text", JsonIo.object().add("reasoning_text", piece)));
            }
            expected.opaque = "sig-" + random.nextInt(1000);
            fragments.add(new Fragment(1, "reasoning_opaque", JsonIo.object().add("reasoning_opaque", expected.opaque)));
        }
        if (random.nextInt(4) != 0) {
            expected.text = text(random);
            for (String piece : split(expected.text, random)) {
                fragments.add(new Fragment(2, "content", JsonIo.object().add("content", piece)));
            }
        }
        int calls = random.nextInt(4);
        for (int k = 0; k < calls; k++) {
            String id = "call_" + k;
            String arguments = random.nextInt(5) == 0 ? "" : JsonIo.object().add("q", text(random)).build().toString();
            expected.calls.put(id, arguments.isEmpty() ? "{}" : arguments);
            List<String> pieces = split(arguments, random);
            boolean identityLate = random.nextInt(4) == 0;
            if (identityLate && !pieces.isEmpty()) {
                // Arguments before the id and name (UPSTREAM §8.3), then the name and the id in separate chunks.
                fragments.add(toolFragment(k, null, null, pieces.remove(0)));
                fragments.add(toolFragment(k, null, "fn_" + k, null));
                fragments.add(toolFragment(k, id, null, null));
            } else {
                fragments.add(toolFragment(k, id, "fn_" + k, ""));
            }
            for (String piece : pieces) {
                fragments.add(toolFragment(k, null, null, piece));
            }
        }
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(JsonIo.object().add("role", "assistant").add("content", ""), null, false));
        JsonObjectBuilder current = null;
        int currentRank = -1;
        Set<String> keys = new HashSet<>();
        for (Fragment fragment : fragments) {
            // Random chunking: a fragment may join the previous delta if Chat's field order keeps the meaning.
            boolean join = current != null && fragment.rank >= currentRank && !keys.contains(fragment.key) && random.nextBoolean();
            if (!join) {
                if (current != null) {
                    chunks.add(chunk(current, null, false));
                }
                current = JsonIo.object();
                keys.clear();
            }
            current.addAll(fragment.delta);
            keys.add(fragment.key);
            currentRank = fragment.rank;
        }
        if (current != null) {
            chunks.add(chunk(current, null, false));
        }
        if (random.nextInt(4) == 0) {
            expected.cut = true;
            chunks.subList(1 + random.nextInt(chunks.size()), chunks.size()).clear();
            return chunks;
        }
        expected.length = random.nextInt(5) == 0;
        String finish = expected.length ? "length" : calls > 0 ? "tool_calls" : "stop";
        boolean usageOnFinish = random.nextBoolean();
        chunks.add(chunk(JsonIo.object(), finish, usageOnFinish));
        if (!usageOnFinish) {
            chunks.add(JsonIo.object().add("id", "chatcmpl-p").add("choices", JsonIo.array()).add("usage", usage()).build().toString());
        }
        if (random.nextBoolean()) {
            chunks.add("[DONE]");
        }
        return chunks;
    }

    private static Fragment toolFragment(int index, String id, String name, String arguments) {
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
        return new Fragment(3, "tool_calls", JsonIo.object().add("tool_calls", JsonIo.array().add(call.add("function", function))));
    }

    private static String chunk(JsonObjectBuilder delta, String finishReason, boolean withUsage) {
        JsonObjectBuilder choice = JsonIo.object().add("index", 0).add("delta", delta);
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        JsonObjectBuilder chunk = JsonIo.object().add("id", "chatcmpl-p").add("object", "chat.completion.chunk").add("created", 1)
                .add("model", "m").add("choices", JsonIo.array().add(choice));
        if (withUsage) {
            chunk.add("usage", usage());
        }
        return chunk.build().toString();
    }

    private static JsonObjectBuilder usage() {
        return JsonIo.object().add("prompt_tokens", 10).add("completion_tokens", 4).add("total_tokens", 14);
    }

    private static String text(Random random) {
        int length = 1 + random.nextInt(30);
        StringBuilder text = new StringBuilder();
        int[] codePoints = ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }

    /** {@code text} in 1–4 non-empty pieces split at random code-point boundaries (none for empty text). */
    private static List<String> split(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        int start = 0;
        while (start < codePoints.length) {
            int end = random.nextInt(3) == 0 || pieces.size() == 3 ? codePoints.length : start + 1 + random.nextInt(codePoints.length - start);
            pieces.add(new String(codePoints, start, end - start));
            start = end;
        }
        return pieces;
    }
}
