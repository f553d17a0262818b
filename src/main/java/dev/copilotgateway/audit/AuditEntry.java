package dev.copilotgateway.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One admin action to audit.
 *
 * @param channel       {@value #API} or {@value #CONSOLE}
 * @param action        the method and the path with its ids as {@code {id}}, e.g. {@code DELETE /admin/api/keys/{id}}
 * @param target        the id acted on, or null
 * @param changes       the fields sent, as {@link AuditChanges} writes them, or null
 * @param status        the HTTP status the action was answered with
 * @param remoteAddress the peer address of the request
 */
public record AuditEntry(Actor actor, String channel, String action, String target, String changes, int status, String remoteAddress) {

    public static final String API = "api";
    public static final String CONSOLE = "console";
    /** The servlet request attribute (a JAX-RS request property) that holds the peer address for the admin API's audit. */
    public static final String REMOTE_ADDRESS_ATTRIBUTE = AuditEntry.class.getName() + ".remoteAddress";

    private static final Pattern ID_SEGMENT = Pattern.compile("/([0-9]{1,18})(?=/|$)");

    /** {@code path} with its numeric segments as {@code {id}}, after {@code method}. */
    public static String action(String method, String path) {
        return method + " " + ID_SEGMENT.matcher(path).replaceAll("/{id}");
    }

    /** The first numeric segment of {@code path}, or null. */
    public static String idIn(String path) {
        Matcher id = ID_SEGMENT.matcher(path);
        return id.find() ? id.group(1) : null;
    }
}
