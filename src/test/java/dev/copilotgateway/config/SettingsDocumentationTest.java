package dev.copilotgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's settings table lists exactly the settings the code declares, with the same defaults. */
class SettingsDocumentationTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (.+?) \\| .+ \\|$");

    @Test
    void readmeTableMatchesTheDeclaredSettings() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("## Settings");
        assertTrue(start >= 0, "README has a Settings section");
        List<String[]> rows = lines.subList(start, lines.size()).stream()
                .takeWhile(line -> !line.startsWith("Run command only"))
                .map(ROW::matcher)
                .filter(Matcher::matches)
                .map(match -> new String[] {match.group(1), match.group(2)})
                .toList();

        assertEquals(Settings.ALL.stream().map(Setting::name).toList(), rows.stream().map(row -> row[0]).toList());
        for (int i = 0; i < rows.size(); i++) {
            Setting<?> setting = Settings.ALL.get(i);
            String documentedDefault = rows.get(i)[1];
            if (setting.secret()) {
                assertEquals("(none, secret)", documentedDefault, setting.name());
            } else if (setting.defaultText().isEmpty()) {
                assertEquals("(empty)", documentedDefault, setting.name());
            } else {
                assertEquals("`" + setting.defaultText() + "`", documentedDefault, setting.name());
            }
        }
    }
}
