package dev.copilotgateway.admin;

import dev.copilotgateway.api.InvalidRequestException;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The body of {@code POST /admin/api/model-mappings} and {@code PUT /admin/api/model-mappings/{id}}:
 * {@code {"from": "display id", "to": "copilot id", "exposed": true}}, {@code exposed} optional (true). Unknown fields
 * are refused, so a misspelt {@code expose} cannot silently list a model the admin meant to hide. JSON {@code null}
 * means absent. The values themselves are checked by {@link dev.copilotgateway.models.ModelMappingService}.
 */
record ModelMappingRequest(String from, String to, Boolean exposed) {

    private static final List<String> FIELDS = List.of("from", "to", "exposed");
    private static final String EXAMPLE = "{\"from\":\"team-fast\",\"to\":\"gpt-4.1\",\"exposed\":true}";

    /** @throws InvalidRequestException when the body is not such an object */
    static ModelMappingRequest parse(String body) {
        JsonObject json = object(body);
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidRequestException(field, "Unknown field '" + field + "'; the fields are " + String.join(", ", FIELDS));
            }
        }
        return new ModelMappingRequest(string(json, "from"), string(json, "to"), bool(json, "exposed"));
    }

    private static JsonObject object(String body) {
        JsonValue value;
        try {
            value = JsonIo.read(body == null ? "" : body);
        } catch (JsonException malformed) {
            throw new InvalidRequestException(null, "The body is not valid JSON; send an object such as " + EXAMPLE);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException(null, "The body must be a JSON object such as " + EXAMPLE);
        }
        return value.asJsonObject();
    }

    private static JsonValue field(JsonObject json, String field) {
        JsonValue value = json.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private static String string(JsonObject json, String field) {
        JsonValue value = field(json, field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidRequestException(field, field + " must be a string");
        }
        return text.getString();
    }

    private static Boolean bool(JsonObject json, String field) {
        JsonValue value = field(json, field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw new InvalidRequestException(field, field + " must be true or false");
        }
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }
}
