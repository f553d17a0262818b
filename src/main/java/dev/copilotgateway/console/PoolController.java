package dev.copilotgateway.console;

import dev.copilotgateway.config.HumanDuration;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolSettingsChange;
import dev.copilotgateway.pool.PoolStrategy;
import dev.copilotgateway.pool.UpstreamPacing;
import dev.copilotgateway.protocol.InvalidRequestException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * The Pool page: how requests are spread over the accounts (strategy, stickiness, attempts), the upstream pacing and
 * manual approval; admins change them.
 */
final class PoolController implements PageController {

    static final String PATH = "/console/pool";

    private final ConsoleServices services;

    PoolController(ConsoleServices services) {
        this.services = services;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        show(request, response, services.pool().current());
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException {
        try {
            services.pool().change(new PoolSettingsChange(request.getParameter("strategy"), request.getParameter("stickinessTtl"),
                    whole("maxAttempts", request.getParameter("maxAttempts"), PoolSettings.MAX_ATTEMPTS_LIMIT),
                    request.getParameter("pacingInterval"), request.getParameter("pacingMode"), request.getParameter("pacingMaxWait"),
                    whole("pacingMaxQueue", request.getParameter("pacingMaxQueue"), UpstreamPacing.MAX_QUEUE_LIMIT),
                    bool(request.getParameter("manualApproval")), request.getParameter("approvalTimeout")));
            ConsolePages.redirect(request, response, PATH);
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.setAttribute("error", invalid.getMessage());
            show(request, response, services.pool().current());
        }
    }

    private static void show(HttpServletRequest request, HttpServletResponse response, PoolSettings settings) throws ServletException, IOException {
        request.setAttribute("strategy", settings.strategy().wireName());
        request.setAttribute("stickinessTtl", HumanDuration.format(settings.stickinessTtl()));
        request.setAttribute("maxAttempts", settings.maxAttempts());
        request.setAttribute("strategies", Arrays.stream(PoolStrategy.values()).map(PoolStrategy::wireName).toList());
        request.setAttribute("pacingInterval", HumanDuration.format(settings.pacing().minInterval()));
        request.setAttribute("pacingMode", settings.pacing().mode().wireName());
        request.setAttribute("pacingMaxWait", HumanDuration.format(settings.pacing().maxWait()));
        request.setAttribute("pacingMaxQueue", settings.pacing().maxQueue());
        request.setAttribute("manualApproval", settings.approval().required());
        request.setAttribute("approvalTimeout", HumanDuration.format(settings.approval().timeout()));
        ConsolePages.render(request, response, "pool");
    }

    private static Integer whole(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException(field, field + " must be a whole number from 1 to " + max);
        }
    }

    private static Boolean bool(String value) {
        return value == null || value.isBlank() ? null : Boolean.valueOf("true".equals(value));
    }
}
