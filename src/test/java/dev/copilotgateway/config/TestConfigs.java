package dev.copilotgateway.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gateway configurations for tests, from a map of {@code COPILOT_GATEWAY_*} environment variables. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static GatewayConfig fromEnvironment(Map<String, String> environment) {
        return GatewayConfig.load(new SettingResolver(List.of(new EnvironmentSource(environment))));
    }

    /** {@code environment} plus {@code COPILOT_GATEWAY_DATA_DIR=dataDir}. */
    public static GatewayConfig withDataDir(Path dataDir, Map<String, String> environment) {
        Map<String, String> withDataDir = new HashMap<>(environment);
        withDataDir.put("COPILOT_GATEWAY_DATA_DIR", dataDir.toString());
        return fromEnvironment(withDataDir);
    }
}
