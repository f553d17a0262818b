package dev.copilotgateway.config;

import java.util.Optional;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

/**
 * JNDI entries {@code java:comp/env/copilot-gateway/<name>}: an {@code <Environment>} in Tomcat's context.xml.
 * Outside a container (unit tests, tools) there is no JNDI and this source is simply empty.
 */
public final class JndiSource implements SettingSource {

    static final String PREFIX = "java:comp/env/copilot-gateway/";

    private final Context context;

    private JndiSource(Context context) {
        this.context = context;
    }

    /** The container's JNDI context, or an empty source when there is none. */
    public static JndiSource ofContainer() {
        try {
            InitialContext context = new InitialContext();
            context.getEnvironment(); // throws NoInitialContextException outside a container
            return new JndiSource(context);
        } catch (NamingException noJndi) {
            return new JndiSource(null);
        }
    }

    public static JndiSource of(Context context) {
        return new JndiSource(context);
    }

    @Override
    public Optional<String> lookup(String name) {
        if (context == null) {
            return Optional.empty();
        }
        try {
            Object value = context.lookup(PREFIX + name);
            return value == null ? Optional.empty() : Optional.of(value.toString());
        } catch (NameNotFoundException | NoInitialContextException absent) {
            return Optional.empty();
        } catch (NamingException unreadable) {
            // Anything else (a broken entry) is an operator mistake worth stopping for.
            throw new InvalidSettingException(name, describe(name), "cannot be read from JNDI: " + unreadable.getMessage());
        }
    }

    @Override
    public String describe(String name) {
        return "JNDI entry " + PREFIX + name;
    }
}
