package dev.copilotgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the order of the packages (DESIGN.md §1, docs/ARCHITECTURE.md): a class may import from its own layer and the
 * layers below it, never from above, so the arrows of the request path stay one-way. Read from the sources' import
 * lines (fully qualified names in code would slip past; the project writes none).
 */
class PackageOrderTest {

    /** Lowest first. Wire shapes at the bottom, the wiring of the whole at the top. */
    private static final List<String> LAYERS = List.of(
            "protocol",     // wire models of each API, JSON, SSE framing, error shapes
            "config",
            "metrics",      // the meter registry and the gateway's meters
            "persistence",
            "security",     // API keys, secrets, the caller
            "audit",        // who did what through the admin API and the console
            "github",       // device flow, GitHub REST, accounts
            "upstream",     // the Copilot HTTP client and tokens
            "pool",         // choosing the account, dispatching with failover
            "models",       // catalogue, mappings, names
            "tokens",       // local token counting
            "translate",    // protocol conversion
            "routing",      // (ingress, model) → upstream plan
            "usage",        // what each request came to: records, sums, retention
            "limits",       // per-key limits and allow-lists
            "approval",     // manual approval of requests
            "api",          // the public API's resources
            "admin",        // the admin API
            "console",      // the console's pages
            "startup");     // wiring

    private static final Path SOURCES = Path.of("src/main/java/dev/copilotgateway");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.copilotgateway\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void importsPointOnlyDownward() throws IOException {
        List<String> backwards = new ArrayList<>();
        for (Path source : sources()) {
            String layer = layerOf(source);
            Matcher imported = IMPORT.matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (imported.find()) {
                String target = imported.group(1);
                assertTrue(LAYERS.contains(target), "package " + target + " (imported by " + source + ") has no place in LAYERS");
                if (LAYERS.indexOf(target) > LAYERS.indexOf(layer)) {
                    backwards.add(SOURCES.relativize(source) + " imports " + target);
                }
            }
        }
        assertEquals(List.of(), backwards, "imports from a higher layer");
    }

    @Test
    void onlyTheIngressAndTheWiringKnowServletTypes() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path source : sources()) {
            String layer = layerOf(source);
            if (!List.of("api", "console", "startup").contains(layer)
                    && Files.readString(source, StandardCharsets.UTF_8).contains("import jakarta.servlet.")) {
                outside.add(SOURCES.relativize(source).toString());
            }
        }
        assertEquals(List.of(), outside, "servlet types below the ingress (DESIGN.md §1)");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getParent().equals(SOURCES)) // package-info of the root
                    .toList();
            assertTrue(sources.size() > 100, "the sources were found: " + sources.size());
            return sources;
        }
    }

    private static String layerOf(Path source) {
        String layer = SOURCES.relativize(source).getName(0).toString();
        assertTrue(LAYERS.contains(layer), "package " + layer + " has no place in LAYERS");
        return layer;
    }
}
