package dev.copilotgateway.console;

import dev.copilotgateway.admin.AccountView;
import dev.copilotgateway.config.Secret;
import dev.copilotgateway.github.AccountOptions;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.AccountService.AccountChanges;
import dev.copilotgateway.github.CopilotUsage;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.github.GitHubException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Accounts page: the Copilot accounts with their status, this node's live state of each and their premium quota;
 * admins add one by GitHub's device flow (the page shows the code and the link, and follows the login until it ends)
 * or by GitHub token, change one's name, priority and weight, enable or disable one, and remove one (confirmed). The
 * work is the admin API's own services; refusals are message keys, so the page says them in its language.
 */
final class AccountsController implements PageController {

    static final String PATH = "/console/accounts";
    private static final String DEVICE_FLOW = "/console/accounts/device-flow";
    private static final String BY_TOKEN = "/console/accounts/token";
    private static final Pattern FLOW = Pattern.compile("/console/accounts/device-flow/([A-Za-z0-9-]{1,64})");
    private static final Pattern ACTION = Pattern.compile("/console/accounts/([0-9]{1,18})/(enable|disable|remove|edit)");
    private static final Pattern NOTICE_ID = Pattern.compile("[0-9]{1,18}");
    private static final long GITHUB_WAIT_SECONDS = 20;
    /** How long the page waits for GitHub's quota snapshots in all; the rest show "unavailable". */
    private static final Duration QUOTA_WAIT = Duration.ofSeconds(3);
    private static final Logger LOG = Logger.getLogger(AccountsController.class.getName());

    /** A refusal the page shows in its language: a message key, with the HTTP status of the answer. */
    private static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String key;
        private final int status;

        Refused(String key, int status) {
            super(key, null, false, false);
            this.key = key;
            this.status = status;
        }

        Refused(String key) {
            this(key, HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private final ConsoleServices services;
    private final QuotaSnapshots quotas;

    AccountsController(ConsoleServices services, QuotaSnapshots quotas) {
        this.services = services;
        this.quotas = quotas;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH) || path.equals(DEVICE_FLOW) || path.equals(BY_TOKEN) || FLOW.matcher(path).matches()
                || ACTION.matcher(path).matches();
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Matcher flow = FLOW.matcher(ConsolePages.path(request));
        if (flow.matches()) {
            showFlow(request, response, flow.group(1));
            return;
        }
        for (String notice : List.of("added", "renewed", "updated")) {
            String id = request.getParameter(notice);
            if (id != null && NOTICE_ID.matcher(id).matches()) {
                request.setAttribute("noticeKey", "accounts.notice." + notice);
                request.setAttribute("noticeId", id);
            }
        }
        show(request, response);
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException {
        Matcher action = ACTION.matcher(path);
        try {
            if (path.equals(DEVICE_FLOW)) {
                startFlow(request, response);
            } else if (path.equals(BY_TOKEN)) {
                addByToken(request, response);
            } else if (action.matches()) {
                long id = Long.parseLong(action.group(1));
                act(request, id, action.group(2));
                ConsolePages.redirect(request, response, action.group(2).equals("edit") ? PATH + "?updated=" + id : PATH);
            } else {
                ConsolePages.redirect(request, response, PATH);
            }
        } catch (Refused refused) {
            response.setStatus(refused.status);
            request.setAttribute("errorKey", refused.key);
            show(request, response);
        }
    }

    private void act(HttpServletRequest request, long id, String action) {
        AccountService accounts = services.accounts();
        switch (action) {
            case "enable", "disable" -> accounts.update(id, new AccountChanges(Optional.of(action.equals("enable")),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            case "edit" -> accounts.update(id, changes(request))
                    .orElseThrow(() -> new Refused("accounts.error.noSuchAccount", HttpServletResponse.SC_NOT_FOUND));
            default -> {
                if (request.getParameter("confirm") == null) {
                    throw new Refused("accounts.error.confirm");
                }
                accounts.delete(id);
            }
        }
    }

    /** Name, priority and weight from the row's form, within the limits the admin API keeps too; a blank number is left as it is. */
    private static AccountChanges changes(HttpServletRequest request) {
        Integer priority = whole(request.getParameter("priority"), -AccountChanges.MAX_PRIORITY, AccountChanges.MAX_PRIORITY,
                "accounts.error.priority");
        Integer weight = whole(request.getParameter("weight"), 1, AccountChanges.MAX_WEIGHT, "accounts.error.weight");
        String name = request.getParameter("name");
        if (name != null && name.strip().length() > AccountChanges.MAX_NAME) {
            throw new Refused("accounts.error.name");
        }
        return new AccountChanges(Optional.empty(), Optional.ofNullable(priority), Optional.ofNullable(weight), Optional.ofNullable(name));
    }

    private static Integer whole(String value, int min, int max, String refusal) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new Refused(refusal);
            }
            return number;
        } catch (NumberFormatException notANumber) {
            throw new Refused(refusal);
        }
    }

    /**
     * The admin API's {@code POST /admin/api/accounts}: GitHub is asked whose token it is, then the account is stored (or
     * the GitHub user's account gets the new token). The token is never echoed: not in the page, not in a log.
     */
    private void addByToken(HttpServletRequest request, HttpServletResponse response) {
        String token = request.getParameter("githubToken");
        if (token == null || token.isBlank()) {
            throw new Refused("accounts.error.tokenMissing");
        }
        AccountOptions options = options(request.getParameter("tokenAccountType"), request.getParameter("tokenEnterpriseHost"));
        try {
            AccountService.Registration registration = services.accounts().addByToken(new Secret(token.strip()), options)
                    .get(GITHUB_WAIT_SECONDS, TimeUnit.SECONDS);
            ConsolePages.redirect(request, response, PATH + (registration.created() ? "?added=" : "?renewed=") + registration.account().getId());
        } catch (ExecutionException failed) {
            throw refusal(failed.getCause());
        } catch (TimeoutException slow) {
            throw new Refused("accounts.error.githubUnavailable", HttpServletResponse.SC_BAD_GATEWAY);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Refused("accounts.error.githubUnavailable", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    private static Refused refusal(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof GitHubException gitHub) {
            return switch (gitHub.problem()) {
                case TOKEN_REJECTED -> new Refused("accounts.error.tokenRejected");
                case NO_COPILOT -> new Refused("accounts.error.noCopilot");
                case REFUSED, UNAVAILABLE -> new Refused("accounts.error.githubUnavailable", HttpServletResponse.SC_BAD_GATEWAY);
            };
        }
        LOG.warning("Adding an account by token failed: " + cause.getClass().getName()); // its message might quote a token
        return new Refused("accounts.error.addFailed", HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    }

    private void startFlow(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        AccountOptions options = options(request.getParameter("accountType"), request.getParameter("enterpriseHost"));
        try {
            DeviceFlowService.Started started = services.deviceFlows().start(options).get(GITHUB_WAIT_SECONDS, TimeUnit.SECONDS);
            ConsolePages.redirect(request, response, DEVICE_FLOW + "/" + started.id());
        } catch (ExecutionException | TimeoutException unreachable) {
            throw new Refused("accounts.error.deviceFlow", HttpServletResponse.SC_BAD_GATEWAY);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }

    private static AccountOptions options(String accountType, String enterpriseHost) {
        try {
            return AccountOptions.parse(blankToNull(accountType), blankToNull(enterpriseHost), null);
        } catch (IllegalArgumentException invalid) {
            throw new Refused("accounts.error.options");
        }
    }

    private void showFlow(HttpServletRequest request, HttpServletResponse response, String id) throws ServletException, IOException {
        Optional<DeviceFlowService.Status> status = services.deviceFlows().status(id);
        if (status.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        request.setAttribute("flow", services.deviceFlows().started(id).orElse(null));
        DeviceFlowService.Status current = status.get();
        request.setAttribute("flowStatus", current instanceof DeviceFlowService.Status.Granted ? "granted"
                : current instanceof DeviceFlowService.Status.Expired ? "expired"
                : current instanceof DeviceFlowService.Status.Denied ? "denied"
                : current instanceof DeviceFlowService.Status.Failed ? "failed" : "pending");
        if (current instanceof DeviceFlowService.Status.Granted granted) {
            request.setAttribute("accountId", granted.accountId());
        }
        if (current instanceof DeviceFlowService.Status.Failed failed) {
            request.setAttribute("reason", failed.reason());
        }
        ConsolePages.render(request, response, "device-flow");
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        List<AccountView> accounts = services.accountViews().list();
        Map<Long, QuotaSnapshots.Snapshot> snapshots = quotas.of(accounts.stream().map(AccountView::id).toList(), QUOTA_WAIT);
        request.setAttribute("rows", accounts.stream().map(account -> row(account, snapshots.get(account.id()))).toList());
        ConsolePages.render(request, response, "accounts");
    }

    /** The premium quota from GitHub's snapshot; without one, what the pool last learnt, and why the snapshot is missing. */
    private static AccountRow row(AccountView account, QuotaSnapshots.Snapshot snapshot) {
        QuotaBar premium = null;
        String unavailable = null;
        if (snapshot instanceof QuotaSnapshots.Known known) {
            CopilotUsage.QuotaSnapshot quota = known.usage().quotas() == null ? null : known.usage().quotas().get(QuotaBar.PREMIUM);
            premium = quota == null ? null : QuotaBar.of(QuotaBar.PREMIUM, quota);
        } else if (snapshot instanceof QuotaSnapshots.Unavailable missing) {
            unavailable = missing.reason();
        }
        if (premium == null) {
            premium = QuotaBar.ofLive(account.premiumQuota());
        }
        return new AccountRow(account, premium, unavailable, ConsolePages.time(account.cooldownUntil()), ConsolePages.time(account.lastErrorAt()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
