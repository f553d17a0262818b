package dev.copilotgateway.console;

import dev.copilotgateway.persistence.Database;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * What the Diagnostics page checks: the database, and the Copilot API base URL (empty when it is derived per account),
 * reached within {@code connectTimeout} on {@code checks}, a bounded executor the gateway owns.
 */
public record DiagnosticsSources(Supplier<Optional<Database>> database, Optional<URI> upstream, Duration connectTimeout,
                                 ExecutorService checks) {
}
