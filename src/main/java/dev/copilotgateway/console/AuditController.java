package dev.copilotgateway.console;

import dev.copilotgateway.persistence.AuditEvent;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The Audit page (admins only): who did what, when and from where, newest first, filtered by user and by a range of
 * days (UTC). It reads the audit log the admin API's {@code GET /admin/api/audit} reads.
 */
final class AuditController implements PageController {

    static final String PATH = "/console/audit";
    static final int SHOWN = 200;

    private final ConsoleServices services;
    private final Clock clock;

    AuditController(ConsoleServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String actor = blankToNull(request.getParameter("actor"));
        LocalDate fromDay = day(request, "from");
        LocalDate toDay = day(request, "to");
        Instant from = fromDay == null ? Instant.EPOCH : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = toDay == null ? clock.instant().plusSeconds(1) : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<AuditEvent> events = services.audit().find(from, to, actor, SHOWN);
        request.setAttribute("events", events);
        request.setAttribute("actor", actor);
        request.setAttribute("from", fromDay);
        request.setAttribute("to", toDay);
        request.setAttribute("shownAtMost", SHOWN);
        ConsolePages.render(request, response, "audit");
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED); // a page to read only
    }

    /** A day of the filter ({@code yyyy-mm-dd}, as a date input sends it); a malformed one is ignored, and said so. */
    private static LocalDate day(HttpServletRequest request, String parameter) {
        String value = blankToNull(request.getParameter(parameter));
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException malformed) {
            request.setAttribute("error", "audit.badDate");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
