package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.InvalidRequestException;
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
        JsonBody json = JsonBody.parse(body, FIELDS, EXAMPLE);
        return new ModelMappingRequest(json.string("from"), json.string("to"), json.bool("exposed"));
    }
}
