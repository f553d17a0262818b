package dev.copilotgateway.admin;

import dev.copilotgateway.config.Secret;
import dev.copilotgateway.github.AccountOptions;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.persistence.GitHubAccount;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.upstream.CopilotTokenService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The pooled GitHub accounts: list, add by GitHub token, show, change at runtime (enabled, priority, weight, name),
 * remove, and ask GitHub for an account's plan and quotas. Adding a token of a GitHub user who already has an account replaces that account's token (200) instead
 * of adding a second account (201).
 */
@AdminApi
@Singleton // one instance for all requests: no per-request creation and injection
@Path("admin/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AccountsResource {

    /** The body of {@code POST /admin/api/accounts}; only {@code githubToken} is required. */
    public record AddAccountRequest(String githubToken, String accountType, String enterpriseHost, Integer priority) {

        @Override
        public String toString() {
            return "AddAccountRequest[githubToken=****, accountType=" + accountType + ", enterpriseHost=" + enterpriseHost
                    + ", priority=" + priority + "]";
        }
    }

    private final AccountService accounts;
    private final AccountViews views;

    @Inject
    public AccountsResource(AccountService accounts, CopilotTokenService tokens, AccountPool pool) {
        this.accounts = accounts;
        this.views = new AccountViews(accounts, tokens, pool);
    }

    @GET
    public List<AccountView> list() {
        return views.list();
    }

    @GET
    @Path("{id: [0-9]+}")
    public Response get(@PathParam("id") long id) {
        return accounts.find(id)
                .map(account -> Response.ok(view(account)).build())
                .orElseGet(() -> noSuchAccount(id));
    }

    @POST
    public CompletionStage<Response> add(AddAccountRequest body, @Context UriInfo uri) {
        if (body == null || body.githubToken() == null || body.githubToken().isBlank()) {
            return CompletableFuture.completedFuture(AdminErrors.badRequest("githubToken is required"));
        }
        AccountOptions options;
        try {
            options = AccountOptions.parse(body.accountType(), body.enterpriseHost(), body.priority());
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.completedFuture(AdminErrors.badRequest(invalid.getMessage()));
        }
        return accounts.addByToken(new Secret(body.githubToken().strip()), options).handle((registration, failure) -> {
            if (failure != null) {
                return AdminErrors.fromFailure(failure);
            }
            AccountView view = view(registration.account());
            return registration.created()
                    ? Response.created(uri.getAbsolutePathBuilder().path(Long.toString(view.id())).build()).entity(view).build()
                    : Response.ok(view).build();
        });
    }

    /** Any of {@code enabled}, {@code priority}, {@code weight}, {@code name}; the body is read as text whatever its type. */
    @PATCH
    @Path("{id: [0-9]+}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("id") long id, String body) {
        AccountService.AccountChanges changes = AccountChangesRequest.parse(body);
        return accounts.update(id, changes)
                .map(account -> Response.ok(view(account)).build())
                .orElseGet(() -> noSuchAccount(id));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        return accounts.delete(id) ? Response.noContent().build() : noSuchAccount(id);
    }

    /** The account's Copilot plan and quota snapshots, asked of GitHub now ({@code copilot_internal/user}). */
    @GET
    @Path("{id: [0-9]+}/usage")
    public CompletionStage<Response> usage(@PathParam("id") long id) {
        Optional<CompletableFuture<CopilotUsage>> usage = accounts.usage(id);
        if (usage.isEmpty()) {
            return CompletableFuture.completedFuture(noSuchAccount(id));
        }
        return usage.get().handle((found, failure) -> failure == null ? Response.ok(found).build() : AdminErrors.fromFailure(failure));
    }

    private AccountView view(GitHubAccount account) {
        return views.of(account);
    }

    private static Response noSuchAccount(long id) {
        return AdminErrors.notFound("No account with id " + id);
    }
}
