package dev.copilotgateway.upstream;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** System properties a test changes, each put back as it was (value or absence) by {@link #restore()}. */
final class SystemProperties {

    /** Value before the first change; null when it was not set. */
    private final Map<String, String> before = new LinkedHashMap<>();

    void set(String name, String value) {
        remember(name);
        System.setProperty(name, value);
    }

    void clear(Collection<String> names) {
        for (String name : names) {
            remember(name);
            System.clearProperty(name);
        }
    }

    private void remember(String name) {
        if (!before.containsKey(name)) {
            before.put(name, System.getProperty(name));
        }
    }

    void restore() {
        before.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        before.clear();
    }
}
