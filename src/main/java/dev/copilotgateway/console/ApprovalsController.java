package dev.copilotgateway.console;

import dev.copilotgateway.approval.Decision;
import dev.copilotgateway.approval.UnknownApprovalException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The Approvals page: the requests waiting for an admin's approval on every node, kept current by the console script
 * (it polls {@code GET /admin/api/approvals}); admins approve or deny each (a form post here, or the script's call to
 * {@code POST /admin/api/approvals/{id}}).
 */
final class ApprovalsController implements PageController {

    static final String PATH = "/console/approvals";

    private final ConsoleServices services;

    ApprovalsController(ConsoleServices services) {
        this.services = services;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        show(request, response);
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException {
        Optional<Decision> decision = Optional.ofNullable(request.getParameter("decision")).flatMap(Decision::fromWireName);
        String id = request.getParameter("id");
        if (decision.isEmpty() || id == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        try {
            services.approvals().decide(id, decision.get(), "console user " + ConsolePages.signedIn(request).username());
            ConsolePages.redirect(request, response, PATH);
        } catch (UnknownApprovalException gone) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            request.setAttribute("error", gone.getMessage());
            show(request, response);
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute("approvals", services.approvals().waiting());
        request.setAttribute("manualApproval", services.pool().current().approval().required());
        ConsolePages.render(request, response, "approvals");
    }
}
