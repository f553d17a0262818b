package dev.copilotgateway.config;

import java.util.Objects;

/**
 * A secret value (token, key, password). Its {@link #toString()} never shows the value, so a secret that
 * reaches a log line or an error message by accident stays hidden; call {@link #reveal()} where it is used.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
