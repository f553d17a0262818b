package dev.copilotgateway.api;

import dev.copilotgateway.security.Caller;
import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources of the public (OpenAI / Anthropic / Gemini) API: a client API key is required (unless the
 * unsafe allow-anonymous setting is on) and the authenticated {@link Caller} is put on the request.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicApi {
}
