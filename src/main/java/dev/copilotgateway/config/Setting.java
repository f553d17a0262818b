package dev.copilotgateway.config;

import java.util.Objects;

/**
 * The declaration of one setting: its name (as in {@code github-api-url}), the built-in default as an
 * operator would write it, whether it is secret, what it means, and how its text becomes a typed value.
 */
public final class Setting<T> {

    /** Turns a setting's text into its value; throws {@link IllegalArgumentException} saying what is wrong. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final String name;
    private final String defaultText;
    private final boolean secret;
    private final String description;
    private final Parser<T> parser;

    private Setting(String name, String defaultText, boolean secret, String description, Parser<T> parser) {
        this.name = Objects.requireNonNull(name);
        this.defaultText = Objects.requireNonNull(defaultText);
        this.secret = secret;
        this.description = Objects.requireNonNull(description);
        this.parser = Objects.requireNonNull(parser);
    }

    public static <T> Setting<T> plain(String name, String defaultText, String description, Parser<T> parser) {
        return new Setting<>(name, defaultText, false, description, parser);
    }

    /** A secret setting: its value is never shown, and it may also be given as a file in {@code <name>-file}. */
    public static <T> Setting<T> secret(String name, String description, Parser<T> parser) {
        return new Setting<>(name, "", true, description, parser);
    }

    public String name() {
        return name;
    }

    public String defaultText() {
        return defaultText;
    }

    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    T parse(String text) {
        return parser.parse(text);
    }
}
