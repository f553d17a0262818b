package dev.copilotgateway.api;

import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.github.RecentUsage;
import dev.copilotgateway.pool.PoolAccount;
import dev.copilotgateway.pool.PoolState;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The endpoints of the proxies this gateway replaces, as far as a multi-user server may offer them:
 * <ul>
 *   <li>{@code GET /usage}: the Copilot plan and quotas, in the shape of GitHub's {@code copilot_internal/user} that the
 *       peers pass on ({@code copilot_plan}, {@code access_type_sku}, {@code quota_reset_date}, {@code quota_snapshots}).
 *       A key bound to one account gets that account's object; a pool key {@code {"accounts":[…]}}, one such object per
 *       usable account of the pool with its {@code account_id} and {@code login} added (an account GitHub did not
 *       answer for has an {@code error} instead). Asked of GitHub at most once a minute per account.</li>
 *   <li>{@code GET /token}: never. The peers hand out their one Copilot token; here tokens belong to the pool's
 *       accounts and never leave the gateway: 403 in OpenAI's error shape, whoever asks.</li>
 * </ul>
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class PeerEndpointsResource {

    private final RecentUsage usage;
    private final PoolState pool;

    @Inject
    public PeerEndpointsResource(RecentUsage usage, PoolState pool) {
        this.usage = usage;
        this.pool = pool;
    }

    @GET
    @Path("usage")
    @PublicApi
    public void usage(@Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        Long bound = Caller.of(request).map(Caller::boundAccountId).orElse(null);
        if (bound != null) {
            Optional<CompletableFuture<CopilotUsage>> answer = usage.of(bound);
            if (answer.isEmpty()) {
                async.resume(OpenAiError.response(404, "The account this API key is bound to no longer exists", "invalid_request_error",
                        "account_not_found"));
                return;
            }
            answer.get().whenComplete((known, failure) -> async.resume(failure != null ? unavailable()
                    : Response.ok(shape(known).build().toString(), MediaType.APPLICATION_JSON_TYPE).build()));
            return;
        }
        List<PoolAccount> accounts = pool.current().accounts();
        List<CompletableFuture<JsonObject>> entries = new ArrayList<>();
        for (PoolAccount account : accounts) {
            entries.add(usage.of(account.id()).orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("removed")))
                    .handle((known, failure) -> entry(account, known, failure)));
        }
        CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).whenComplete((done, never) -> {
            JsonArrayBuilder list = JsonIo.array();
            entries.forEach(entry -> list.add(entry.join()));
            async.resume(Response.ok(JsonIo.object().add("accounts", list).build().toString(), MediaType.APPLICATION_JSON_TYPE).build());
        });
    }

    @GET
    @Path("token")
    public Response token() {
        return OpenAiError.response(403, "This gateway never hands out Copilot tokens: they belong to the pool's GitHub accounts and stay "
                + "inside it. Send your requests through the gateway with your API key instead.", "permission_error", "token_not_available");
    }

    private static JsonObject entry(PoolAccount account, CopilotUsage known, Throwable failure) {
        JsonObjectBuilder entry = JsonIo.object().add("account_id", account.id());
        if (account.login() != null) {
            entry.add("login", account.login());
        }
        if (failure != null) {
            return entry.add("error", "GitHub did not tell this account's usage; try again shortly").build();
        }
        JsonObject shaped = shape(known).build();
        shaped.forEach(entry::add);
        return entry.build();
    }

    /** {@code usage} in the names of GitHub's answer; what GitHub did not send is left out. */
    static JsonObjectBuilder shape(CopilotUsage usage) {
        JsonObjectBuilder json = JsonIo.object();
        addIfPresent(json, "copilot_plan", usage.plan());
        addIfPresent(json, "access_type_sku", usage.accessSku());
        addIfPresent(json, "quota_reset_date", usage.quotaResetDate());
        JsonObjectBuilder snapshots = JsonIo.object();
        if (usage.quotas() != null) {
            for (Map.Entry<String, CopilotUsage.QuotaSnapshot> quota : usage.quotas().entrySet()) {
                CopilotUsage.QuotaSnapshot snapshot = quota.getValue();
                JsonObjectBuilder one = JsonIo.object().add("quota_id", quota.getKey());
                addIfPresent(one, "entitlement", snapshot.entitlement());
                addIfPresent(one, "remaining", snapshot.remaining());
                addIfPresent(one, "percent_remaining", snapshot.percentRemaining());
                if (snapshot.unlimited() != null) {
                    one.add("unlimited", snapshot.unlimited());
                }
                if (snapshot.overagePermitted() != null) {
                    one.add("overage_permitted", snapshot.overagePermitted());
                }
                snapshots.add(quota.getKey(), one);
            }
        }
        return json.add("quota_snapshots", snapshots);
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, Double value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static Response unavailable() {
        return OpenAiError.response(502, "GitHub did not tell this account's Copilot usage; try again shortly", "api_error", "usage_unavailable");
    }
}
