package dev.copilotgateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a setting's value: the first source that has it wins (DESIGN.md §4), then the built-in default.
 * A blank value counts as absent, so {@code FOO=} in a compose file does not hide a lower source.
 * A secret may also be given as a file path in {@code <name>-file} of the same source.
 */
public final class SettingResolver {

    private final List<SettingSource> sources;

    public SettingResolver(List<SettingSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** System properties, then environment, then JNDI: the order of DESIGN.md §4. */
    public static SettingResolver ofContainer() {
        return new SettingResolver(List.of(new SystemPropertySource(), EnvironmentSource.ofSystem(), JndiSource.ofContainer()));
    }

    public <T> T resolve(Setting<T> setting) {
        for (SettingSource source : sources) {
            Optional<String> direct = nonBlank(source.lookup(setting.name()));
            if (direct.isPresent()) {
                return parse(setting, direct.get(), source.describe(setting.name()));
            }
            if (setting.secret()) {
                String fileSetting = setting.name() + "-file";
                Optional<String> file = nonBlank(source.lookup(fileSetting));
                if (file.isPresent()) {
                    String origin = source.describe(fileSetting);
                    return parse(setting, readSecretFile(setting, file.get(), origin), origin);
                }
            }
        }
        return parse(setting, setting.defaultText(), "built-in default");
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(text -> !text.isBlank());
    }

    private static String readSecretFile(Setting<?> setting, String file, String origin) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException unreadable) {
            throw new InvalidSettingException(setting.name(), origin, "cannot read the file " + file + " ("
                    + unreadable.getClass().getSimpleName() + ")");
        }
    }

    private static <T> T parse(Setting<T> setting, String text, String origin) {
        try {
            return setting.parse(text.strip());
        } catch (IllegalArgumentException invalid) {
            String shown = setting.secret() ? "the value" : "'" + text + "'";
            throw new InvalidSettingException(setting.name(), origin, shown + " " + invalid.getMessage());
        }
    }
}
