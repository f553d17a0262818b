package dev.copilotgateway.github;

import dev.copilotgateway.config.Secret;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON bodies of the GitHub REST calls (UPSTREAM.md §2, §3, §12) as JSON-B records. Members GitHub adds are
 * ignored (JSON-B's default), members it leaves out are {@code null}, and tokens and device codes are {@link Secret}s so
 * a record that reaches a log line does not show them. The records are public only because Yasson reads and builds
 * them through public accessors and constructors; the class is not part of the package's API.
 */
final class GitHubBodies {

    private GitHubBodies() {
    }

    /** {@code POST /login/device/code}. */
    public record DeviceCodeRequest(@JsonbProperty("client_id") String clientId, String scope) {
    }

    /** {@code POST /login/oauth/access_token}. */
    public record AccessTokenRequest(@JsonbProperty("client_id") String clientId,
                                     @JsonbProperty("device_code") @JsonbTypeAdapter(SecretText.class) Secret deviceCode,
                                     @JsonbProperty("grant_type") String grantType) {
    }

    /** The device code answer; an OAuth {@code error} instead when GitHub refuses. */
    public record DeviceCodeAnswer(@JsonbProperty("device_code") @JsonbTypeAdapter(SecretText.class) Secret deviceCode,
                                   @JsonbProperty("user_code") String userCode,
                                   @JsonbProperty("verification_uri") String verificationUri,
                                   @JsonbProperty("expires_in") Long expiresIn,
                                   Long interval,
                                   String error,
                                   @JsonbProperty("error_description") String errorDescription) {
    }

    /** One poll's answer: the token once granted, else an OAuth {@code error} (200 either way). */
    public record AccessTokenAnswer(@JsonbProperty("access_token") @JsonbTypeAdapter(SecretText.class) Secret accessToken,
                                    String error,
                                    @JsonbProperty("error_description") String errorDescription,
                                    Long interval) {
    }

    /** {@code GET /user}. */
    public record UserAnswer(Long id, String login, String name) {
    }

    /** {@code GET /copilot_internal/v2/token}. */
    public record CopilotTokenAnswer(@JsonbTypeAdapter(SecretText.class) Secret token,
                                     @JsonbProperty("expires_at") Long expiresAt,
                                     @JsonbProperty("refresh_in") Long refreshIn,
                                     Endpoints endpoints) {
    }

    /** The account's Copilot hosts, in the token and usage answers. */
    public record Endpoints(String api) {
    }

    /** {@code GET /copilot_internal/user}: varies by plan and over time, so the quotas are read leniently. */
    public record CopilotUserAnswer(@JsonbProperty("copilot_plan") String copilotPlan,
                                    @JsonbProperty("access_type_sku") String accessTypeSku,
                                    Endpoints endpoints,
                                    @JsonbProperty("quota_reset_date") String quotaResetDate,
                                    @JsonbProperty("quota_snapshots") @JsonbTypeDeserializer(QuotaSnapshots.class)
                                    Map<String, QuotaAnswer> quotaSnapshots) {
    }

    /** One quota snapshot; a member of an unexpected type is {@code null}, not a failure of the whole answer. */
    public record QuotaAnswer(@JsonbTypeDeserializer(OptionalNumber.class) Double entitlement,
                              @JsonbProperty("quota_remaining") @JsonbTypeDeserializer(OptionalNumber.class) Double quotaRemaining,
                              @JsonbTypeDeserializer(OptionalNumber.class) Double remaining,
                              @JsonbProperty("percent_remaining") @JsonbTypeDeserializer(OptionalNumber.class) Double percentRemaining,
                              @JsonbTypeDeserializer(OptionalBoolean.class) Boolean unlimited,
                              @JsonbProperty("overage_permitted") @JsonbTypeDeserializer(OptionalBoolean.class) Boolean overagePermitted) {
    }

    /** GitHub's error body ({@code {"message": ...}}), quoted in failures. */
    public record ErrorMessage(String message) {
    }

    /** A {@link Secret} is its plain text in JSON. */
    public static final class SecretText implements JsonbAdapter<Secret, String> {

        @Override
        public String adaptToJson(Secret secret) {
            return secret.reveal();
        }

        @Override
        public Secret adaptFromJson(String text) {
            return new Secret(text);
        }
    }

    /** A JSON number, else {@code null} (JSON-B would turn {@code "12"} into 12 or fail on {@code true}). */
    public static final class OptionalNumber implements JsonbDeserializer<Double> {

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return parser.getValue() instanceof JsonNumber number ? number.doubleValue() : null;
        }
    }

    /** JSON {@code true} or {@code false}, else {@code null} (JSON-B would read {@code "yes"} as false). */
    public static final class OptionalBoolean implements JsonbDeserializer<Boolean> {

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            return value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
        }
    }

    /** The snapshots by quota id, keeping only the members that are objects (anything else is no snapshot). */
    public static final class QuotaSnapshots implements JsonbDeserializer<Map<String, QuotaAnswer>> {

        @Override
        public Map<String, QuotaAnswer> deserialize(JsonParser parser, DeserializationContext context, Type type) {
            Map<String, QuotaAnswer> snapshots = new LinkedHashMap<>();
            if (parser.getValue() instanceof JsonObject members) {
                members.forEach((id, member) -> {
                    if (member instanceof JsonObject snapshot) {
                        // a text parser: the lenient members need JsonParser.getValue(), which a parser over a JsonObject lacks
                        try (JsonParser text = JsonIo.PROVIDER.createParser(new StringReader(snapshot.toString()))) {
                            snapshots.put(id, context.deserialize(QuotaAnswer.class, text));
                        }
                    }
                });
            }
            return snapshots;
        }
    }
}
