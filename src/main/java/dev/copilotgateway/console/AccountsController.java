package dev.copilotgateway.console;

import dev.copilotgateway.github.AccountOptions;
import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.github.DeviceFlowService;
import dev.copilotgateway.protocol.InvalidRequestException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Accounts page: the Copilot accounts with their state; admins add one by GitHub's device flow (the page shows the
 * code and the link, and follows the login until it ends), enable or disable one, and remove one (confirmed). The
 * work is the admin API's own services.
 */
final class AccountsController implements PageController {

    static final String PATH = "/console/accounts";
    private static final String DEVICE_FLOW = "/console/accounts/device-flow";
    private static final Pattern FLOW = Pattern.compile("/console/accounts/device-flow/([A-Za-z0-9-]{1,64})");
    private static final Pattern ACTION = Pattern.compile("/console/accounts/([0-9]{1,18})/(enable|disable|remove)");
    private static final long GITHUB_WAIT_SECONDS = 20;

    private final ConsoleServices services;

    AccountsController(ConsoleServices services) {
        this.services = services;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH) || path.equals(DEVICE_FLOW) || FLOW.matcher(path).matches() || ACTION.matcher(path).matches();
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Matcher flow = FLOW.matcher(ConsolePages.path(request));
        if (flow.matches()) {
            showFlow(request, response, flow.group(1));
            return;
        }
        show(request, response);
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException {
        Matcher action = ACTION.matcher(path);
        try {
            if (path.equals(DEVICE_FLOW)) {
                startFlow(request, response);
                return;
            }
            if (action.matches()) {
                act(request, Long.parseLong(action.group(1)), action.group(2));
            }
            ConsolePages.redirect(request, response, PATH);
        } catch (InvalidRequestException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.setAttribute("error", refused.getMessage());
            show(request, response);
        }
    }

    private void act(HttpServletRequest request, long id, String action) {
        AccountService accounts = services.accounts();
        switch (action) {
            case "enable", "disable" -> accounts.update(id, new AccountService.AccountChanges(Optional.of(action.equals("enable")),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            default -> {
                if (request.getParameter("confirm") == null) {
                    throw new InvalidRequestException("confirm", "Tick the box to confirm that account #" + id + " is to be removed.");
                }
                accounts.delete(id);
            }
        }
    }

    private void startFlow(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        AccountOptions options;
        try {
            options = AccountOptions.parse(blankToNull(request.getParameter("accountType")), blankToNull(request.getParameter("enterpriseHost")), null);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequestException("accountType", invalid.getMessage());
        }
        try {
            DeviceFlowService.Started started = services.deviceFlows().start(options).get(GITHUB_WAIT_SECONDS, TimeUnit.SECONDS);
            ConsolePages.redirect(request, response, DEVICE_FLOW + "/" + started.id());
        } catch (ExecutionException | TimeoutException unreachable) {
            response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
            request.setAttribute("error", "GitHub did not start the device flow; try again in a moment.");
            show(request, response);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
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
        request.setAttribute("accounts", services.accounts().list());
        ConsolePages.render(request, response, "accounts");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
