package dev.copilotgateway.console;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;
import org.glassfish.soteria.mechanisms.jaspic.HttpBridgeServerAuthModule;

/**
 * Registers Jakarta Security for the console with Tomcat's Jakarta Authentication. Soteria registers itself from a
 * ServletContainerInitializer that needs CDI, and Tomcat may run it before Weld's: then it silently does nothing
 * (STACK.md §7). Registering here, after every initializer, is reliable; and the module registered is
 * {@link ConsoleOnlyAuthModule}, so the API's requests never reach Soteria.
 */
public final class ConsoleAuthentication {

    private static final Logger LOG = Logger.getLogger(ConsoleAuthentication.class.getName());

    private ConsoleAuthentication() {
    }

    public static void register(ServletContext context) {
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory == null) {
            LOG.warning("This container offers no Jakarta Authentication: the console cannot sign anyone in");
            return;
        }
        factory.registerServerAuthModule(new ConsoleOnlyAuthModule(new HttpBridgeServerAuthModule(null)), context);
    }
}
