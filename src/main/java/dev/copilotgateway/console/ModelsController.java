package dev.copilotgateway.console;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.protocol.InvalidRequestException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Models page: the pool's model catalogue and the model mappings; admins add and delete mappings. The work is the
 * admin API's own services ({@link ModelMappingService}, the catalogue).
 */
final class ModelsController implements PageController {

    static final String PATH = "/console/models";
    private static final Pattern DELETE = Pattern.compile("/console/models/mappings/([0-9]{1,18})/delete");
    private static final Pattern EDIT = Pattern.compile("/console/models/mappings/([0-9]{1,18})/edit");
    private static final long CATALOGUE_WAIT_SECONDS = 10;

    private final ConsoleServices services;

    ModelsController(ConsoleServices services) {
        this.services = services;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH) || DELETE.matcher(path).matches() || EDIT.matcher(path).matches();
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        show(request, response);
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException {
        Matcher delete = DELETE.matcher(path);
        if (delete.matches()) {
            services.mappings().delete(Long.parseLong(delete.group(1)));
            ConsolePages.redirect(request, response, PATH);
            return;
        }
        Matcher edit = EDIT.matcher(path);
        try {
            if (edit.matches()) {
                if (services.mappings().replace(Long.parseLong(edit.group(1)), request.getParameter("from"), request.getParameter("to"),
                        request.getParameter("exposed") != null).isEmpty()) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
            } else {
                services.mappings().create(request.getParameter("from"), request.getParameter("to"), request.getParameter("exposed") != null);
            }
            ConsolePages.redirect(request, response, PATH);
        } catch (InvalidRequestException | ModelMappingService.DuplicateMappingException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.setAttribute("error", refused.getMessage());
            show(request, response);
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute("mappings", services.mappings().list());
        request.setAttribute("models", catalogue(request));
        ConsolePages.render(request, response, "models");
    }

    /** The pool's models by id; empty, with a note on the page, while the catalogue cannot be had. */
    private List<CopilotModel> catalogue(HttpServletRequest request) {
        try {
            return services.catalog().snapshot().get(CATALOGUE_WAIT_SECONDS, TimeUnit.SECONDS).byId().values().stream()
                    .sorted(Comparator.comparing(CopilotModel::id)).toList();
        } catch (ExecutionException | TimeoutException unavailable) {
            request.setAttribute("catalogueUnavailable", true);
            return List.of();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
