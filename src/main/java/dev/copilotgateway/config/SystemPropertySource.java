package dev.copilotgateway.config;

import java.util.Optional;

/** Java system properties named {@code copilot-gateway.<name>}. */
public final class SystemPropertySource implements SettingSource {

    static final String PREFIX = "copilot-gateway.";

    @Override
    public Optional<String> lookup(String name) {
        return Optional.ofNullable(System.getProperty(PREFIX + name));
    }

    @Override
    public String describe(String name) {
        return "system property " + PREFIX + name;
    }
}
