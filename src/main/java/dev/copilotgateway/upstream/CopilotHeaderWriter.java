package dev.copilotgateway.upstream;

import java.net.http.HttpRequest;

/** Sets the Copilot request headers (UPSTREAM.md §6) of one request. */
@FunctionalInterface
public interface CopilotHeaderWriter {

    void apply(HttpRequest.Builder request, CopilotCredentials credentials, RequestTraits traits);
}
