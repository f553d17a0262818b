package dev.copilotgateway.console;

import dev.copilotgateway.config.HumanDuration;
import dev.copilotgateway.pool.PoolSettings;
import dev.copilotgateway.pool.PoolSettingsChange;
import dev.copilotgateway.pool.PoolStrategy;
import dev.copilotgateway.protocol.InvalidRequestException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/** The Pool page: how requests are spread over the accounts (strategy, stickiness, attempts); admins change it. */
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
                    attempts(request.getParameter("maxAttempts"))));
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
        ConsolePages.render(request, response, "pool");
    }

    private static Integer attempts(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException("maxAttempts", "maxAttempts must be a whole number from 1 to " + PoolSettings.MAX_ATTEMPTS_LIMIT);
        }
    }
}
