package dev.copilotgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.RequestContentException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The translators' field readers: lenient for what an upstream sent, strict (a 400 naming the path) for requests. */
class JsonFieldsTest {

    private static JsonObject json(String text) {
        return JsonIo.read(text).asJsonObject();
    }

    @Test
    void lenientReadersReadAMistypedValueAsNothing() {
        JsonObject upstream = json("{\"id\":\"x\",\"n\":1,\"choices\":[{\"a\":1},2,\"s\",{\"b\":2}],\"none\":null}");

        assertEquals("x", JsonFields.string(upstream.get("id")));
        assertNull(JsonFields.string(upstream.get("n")));
        assertNull(JsonFields.string(upstream.get("missing")));
        assertEquals(List.of(json("{\"a\":1}"), json("{\"b\":2}")), JsonFields.objects(upstream.get("choices")));
        assertEquals(List.of(), JsonFields.objects(upstream.get("id")));
        assertTrue(JsonFields.present(upstream.get("n")));
        assertFalse(JsonFields.present(upstream.get("none")));
        assertFalse(JsonFields.present(upstream.get("missing")));
    }

    @Test
    void strictReadersNameTheFieldThatIsWrong() {
        JsonObject message = json("{\"role\":1,\"content\":[{\"text\":\"a\"},{\"type\":\"image\"}]}");

        RequestContentException notString = assertThrows(RequestContentException.class, () -> JsonFields.string(message, "role", "messages[0]"));
        assertEquals("messages[0].role", notString.field());
        RequestContentException notObject = assertThrows(RequestContentException.class, () -> JsonFields.object(JsonValue.TRUE, "tools[2]"));
        assertEquals("tools[2]", notObject.field());
        RequestContentException noText = assertThrows(RequestContentException.class,
                () -> JsonFields.texts(message.get("content"), "messages[0].content"));
        assertEquals("messages[0].content[1].text", noText.field());
    }

    @Test
    void textsOfAContentAreItsStringOrItsPartsTexts() {
        assertEquals(List.of("hi"), JsonFields.texts(JsonIo.read("\"hi\""), "content"));
        assertEquals(List.of("a", "b"), JsonFields.texts(JsonIo.read("[{\"type\":\"text\",\"text\":\"a\"},{\"text\":\"b\"}]"), "content"));
        assertEquals(List.of(), JsonFields.texts(JsonValue.NULL, "content"));
        assertThrows(RequestContentException.class, () -> JsonFields.texts(JsonIo.read("42"), "content"));
    }
}
