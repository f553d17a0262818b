package dev.copilotgateway.console;

import dev.copilotgateway.audit.Actor;
import dev.copilotgateway.audit.AuditChanges;
import dev.copilotgateway.audit.AuditEntry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's entries in the audit log: every form an admin posts (the same actions as the admin API, named by the
 * console path they were posted to), and sign-ins and sign-outs. What was sent is recorded as {@link AuditChanges}
 * does: field names, values only of harmless fields (never a password or a token).
 */
final class ConsoleAudit {

    static final String SIGN_IN = "console sign-in";
    static final String SSO_SIGN_IN = "console SSO sign-in";
    static final String SIGN_OUT = "console sign-out";
    static final String SETUP = "console first-run setup";

    private ConsoleAudit() {
    }

    /** A form posted by {@code username}, answered with the response's status. */
    static void formPosted(HttpServletRequest request, HttpServletResponse response, String path, String username) {
        ConsoleServices.of(request.getServletContext()).audit().record(new AuditEntry(Actor.consoleUser(username), AuditEntry.CONSOLE,
                AuditEntry.action("POST", path), AuditEntry.idIn(path), AuditChanges.ofForm(request.getParameterMap()),
                response.getStatus(), request.getRemoteAddr()));
    }

    /** A sign-in, sign-out or first-run setup of {@code username}. */
    static void session(HttpServletRequest request, String action, String username, int status) {
        ConsoleServices.of(request.getServletContext()).audit().record(new AuditEntry(Actor.consoleUser(username), AuditEntry.CONSOLE,
                action, null, null, status, request.getRemoteAddr()));
    }
}
