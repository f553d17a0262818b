package dev.copilotgateway.protocol;

import java.util.Map;

/** An error answer in one API's own shape: the status, headers to send (e.g. {@code Retry-After}) and the JSON body. */
public record ErrorResponse(int status, Map<String, String> headers, byte[] body) {

    public ErrorResponse {
        headers = Map.copyOf(headers);
    }
}
