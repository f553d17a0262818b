package dev.copilotgateway.config;

import java.util.Optional;

/** One place a setting's raw value can come from (system properties, environment, JNDI). */
public interface SettingSource {

    /** The raw value of the setting called {@code name} (e.g. {@code github-api-url}), if this source has it. */
    Optional<String> lookup(String name);

    /** How an operator would spell {@code name} in this source, for error messages. */
    String describe(String name);
}
