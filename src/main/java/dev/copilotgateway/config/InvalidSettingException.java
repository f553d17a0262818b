package dev.copilotgateway.config;

/**
 * A setting that cannot be used. Its message is the one log line the operator needs: the setting, where it
 * came from and what is wrong (never the value of a secret). It carries no stack trace on purpose, so the
 * container's start-up failure log stays that one line.
 */
public final class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSettingException(String setting, String origin, String problem) {
        super("Invalid setting '" + setting + "' (" + origin + "): " + problem, null, false, false);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
