package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.security.ApiKeyService;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Client API keys as the admin API shows them. Every field is always present ({@code null} when unset), so
 * scripts see one shape; {@code key} (the secret) appears only in the answer that creates it.
 */
final class ApiKeyJson {

    private ApiKeyJson() {
    }

    static JsonObject created(ApiKeyService.CreatedKey created) {
        return fields(created.view()).add("key", created.secret()).build();
    }

    /** {@code {"data":[...]}}, the envelope leaving room for paging later. */
    static JsonObject list(List<ApiKeyService.ApiKeyView> views) {
        JsonArrayBuilder data = JsonIo.array();
        views.forEach(view -> data.add(fields(view)));
        return JsonIo.object().add("data", data).build();
    }

    private static JsonObjectBuilder fields(ApiKeyService.ApiKeyView view) {
        JsonObjectBuilder json = JsonIo.object()
                .add("id", view.id())
                .add("name", view.name())
                .add("prefix", view.prefix());
        text(json, "owner", view.owner());
        if (view.accountId() == null) {
            json.addNull("accountId");
        } else {
            json.add("accountId", view.accountId());
        }
        time(json, "createdAt", view.createdAt());
        time(json, "lastUsedAt", view.lastUsedAt());
        time(json, "expiresAt", view.expiresAt());
        time(json, "revokedAt", view.revokedAt());
        json.add("state", view.state().name().toLowerCase(Locale.ROOT));
        json.add("limits", KeyLimitsJson.json(view.limits()));
        if (view.models() == null) {
            json.addNull("models");
        } else {
            JsonArrayBuilder models = JsonIo.array();
            view.models().forEach(models::add);
            json.add("models", models);
        }
        return json;
    }

    static JsonObject view(ApiKeyService.ApiKeyView view) {
        return fields(view).build();
    }

    private static void text(JsonObjectBuilder json, String field, String value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value);
        }
    }

    /** ISO-8601 in UTC, e.g. {@code 2030-01-31T00:00:00Z}. */
    private static void time(JsonObjectBuilder json, String field, Instant value) {
        text(json, field, value == null ? null : value.toString());
    }
}
