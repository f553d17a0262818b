package dev.copilotgateway.console;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * Tomcat asks the application's authentication module about every request, the API's included. This module hands only
 * the console's requests to Jakarta Security (Soteria's bridge to the CDI mechanism) and lets the rest pass at the cost
 * of one string comparison: the API authenticates its callers itself, by key, and must not pay for CDI lookups.
 */
final class ConsoleOnlyAuthModule implements ServerAuthModule {

    private final ServerAuthModule console;

    ConsoleOnlyAuthModule(ServerAuthModule console) {
        this.console = console;
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler, Map<String, Object> options)
            throws AuthException {
        console.initialize(requestPolicy, responsePolicy, handler, options);
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return console.getSupportedMessageTypes();
    }

    @Override
    public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
        return isConsole(message) ? console.validateRequest(message, client, service) : AuthStatus.SUCCESS;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
        return isConsole(message) ? console.secureResponse(message, service) : AuthStatus.SEND_SUCCESS;
    }

    @Override
    public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
        if (isConsole(message)) {
            console.cleanSubject(message, subject);
        }
    }

    private static boolean isConsole(MessageInfo message) {
        if (message.getRequestMessage() instanceof HttpServletRequest request) {
            return ConsolePaths.isConsole(request.getRequestURI().substring(request.getContextPath().length()));
        }
        return false;
    }
}
