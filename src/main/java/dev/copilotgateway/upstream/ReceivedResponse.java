package dev.copilotgateway.upstream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A response as a transport received it, in the {@code java.net.http} shape the rest of the gateway reads. */
record ReceivedResponse<T>(URI uri, int statusCode, HttpHeaders headers, HttpClient.Version version, T body)
        implements HttpResponse<T> {

    /** Not kept: nothing above the transport reads it. */
    @Override
    public HttpRequest request() {
        return HttpRequest.newBuilder(uri).build();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }
}
