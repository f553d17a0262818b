package dev.copilotgateway.console;

import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.security.SsoIdentities;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.Manifest;

/**
 * The Diagnostics page (admins only): the gateway's version, the JVM, the database, whether the Copilot API answers, and
 * the SSO self-check: what this very request carried and what the console made of it. Never a secret: header values are
 * shown only when they came from a trusted proxy (they then are what the proxy says), settings only by name and value of
 * the SSO settings, which hold none.
 */
final class DiagnosticsController implements PageController {

    static final String PATH = "/console/diagnostics";
    private static final int DATABASE_TIMEOUT_SECONDS = 2;
    private static final int MAX_SHOWN = 300;

    private final ConsoleServices services;

    DiagnosticsController(ConsoleServices services) {
        this.services = services;
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
        request.setAttribute("version", version(request.getServletContext()));
        request.setAttribute("jvm", jvm());
        request.setAttribute("database", database());
        request.setAttribute("upstream", upstream());
        request.setAttribute("sso", ssoCheck(request));
        ConsolePages.render(request, response, "diagnostics");
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** Implementation-Version of the WAR's manifest; "unknown" when run from classes. */
    private static String version(ServletContext context) {
        try (InputStream manifest = context.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (manifest != null) {
                String version = new Manifest(manifest).getMainAttributes().getValue("Implementation-Version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException unreadable) {
            // shown as unknown
        }
        return "unknown";
    }

    private static Map<String, String> jvm() {
        Runtime runtime = Runtime.getRuntime();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, String> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("uptime", Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()).withNanos(0).toString().substring(2).toLowerCase());
        jvm.put("heap", mebibytes(heap.getUsed()) + " / " + (heap.getMax() < 0 ? "?" : mebibytes(heap.getMax())));
        jvm.put("processors", Integer.toString(runtime.availableProcessors()));
        jvm.put("threads", Integer.toString(ManagementFactory.getThreadMXBean().getThreadCount()));
        return jvm;
    }

    private static String mebibytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }

    private Map<String, String> database() {
        Map<String, String> database = new LinkedHashMap<>();
        Optional<Database> open = services.diagnostics().database().get();
        database.put("open", Boolean.toString(open.isPresent()));
        open.ifPresent(db -> {
            database.put("source", db.description());
            database.put("schema", db.schemaVersion());
            database.put("product", db.product());
            database.put("reachable", Boolean.toString(db.isReachable(DATABASE_TIMEOUT_SECONDS)));
        });
        return database;
    }

    /** A TCP connection to the Copilot API's host, on the gateway's own bounded executor, waited for a short while. */
    private Map<String, String> upstream() {
        DiagnosticsSources sources = services.diagnostics();
        Map<String, String> upstream = new LinkedHashMap<>();
        if (sources.upstream().isEmpty()) {
            upstream.put("url", "");
            return upstream;
        }
        URI url = sources.upstream().get();
        upstream.put("url", url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()));
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        int timeout = (int) Math.min(5_000, Math.max(500, sources.connectTimeout().toMillis()));
        String result;
        try {
            result = CompletableFuture.supplyAsync(() -> connects(url.getHost(), port, timeout), sources.checks())
                    .get(timeout + 1_000L, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException busy) {
            result = "busy";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            result = "unreachable";
        } catch (Exception failed) {
            result = "unreachable";
        }
        upstream.put("reachable", result);
        return upstream;
    }

    private static String connects(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return "reachable";
        } catch (IOException unreachable) {
            return "unreachable";
        }
    }

    private Map<String, Object> ssoCheck(HttpServletRequest request) {
        SsoIdentities sso = services.sso();
        SsoIdentities.Settings settings = sso.settings();
        boolean trusted = sso.trusted(request.getRemoteAddr());
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("remoteAddress", request.getRemoteAddr());
        check.put("trusted", trusted);
        check.put("userHeader", shown(request.getHeader(settings.userHeader()), trusted));
        check.put("groupsHeader", shown(request.getHeader(settings.groupsHeader()), trusted));
        Object containerUser = request.getAttribute(ConsoleAuthenticationMechanism.CONTAINER_USER);
        check.put("containerUser", containerUser == null ? "" : cut(containerUser.toString()));
        Object decision = request.getAttribute(ConsoleAuthenticationMechanism.SSO);
        if (decision instanceof SsoIdentities.Decision.Identified identified) {
            check.put("identity", cut(identified.username()) + " (" + identified.source() + ")");
            check.put("role", identified.role().map(role -> role.name().toLowerCase()).orElse("none"));
        } else {
            check.put("identity", "");
            check.put("role", "");
        }
        Map<String, String> inEffect = new LinkedHashMap<>();
        inEffect.put("console-container-auth", Boolean.toString(settings.containerAuth()));
        inEffect.put("console-trusted-proxies", String.join(",", settings.trustedProxies().stream().map(Object::toString).toList()));
        inEffect.put("console-sso-user-header", settings.userHeader());
        inEffect.put("console-sso-groups-header", settings.groupsHeader());
        inEffect.put("console-sso-admin-groups", String.join(",", settings.adminGroups()));
        inEffect.put("console-sso-viewer-groups", String.join(",", settings.viewerGroups()));
        inEffect.put("console-sso-default-role", settings.defaultRole());
        check.put("settings", inEffect);
        return check;
    }

    /** The header's value when trusted; "ignored" when an untrusted address sent it; "" when absent. */
    private static String shown(String value, boolean trusted) {
        if (value == null) {
            return "";
        }
        return trusted ? cut(value) : "ignored";
    }

    private static String cut(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    }
}
