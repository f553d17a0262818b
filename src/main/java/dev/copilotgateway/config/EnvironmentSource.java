package dev.copilotgateway.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Environment variables named {@code COPILOT_GATEWAY_<NAME>} (upper case, '-' becomes '_'). */
public final class EnvironmentSource implements SettingSource {

    private final Map<String, String> environment;

    public EnvironmentSource(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static EnvironmentSource ofSystem() {
        return new EnvironmentSource(System.getenv());
    }

    static String variableName(String name) {
        return "COPILOT_GATEWAY_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public Optional<String> lookup(String name) {
        return Optional.ofNullable(environment.get(variableName(name)));
    }

    @Override
    public String describe(String name) {
        return "environment variable " + variableName(name);
    }
}
