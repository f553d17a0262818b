package dev.copilotgateway.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options given as {@code --name value} pairs; a name may repeat ({@code --header}). */
final class Options {

    private final Map<String, List<String>> values;

    private Options(Map<String, List<String>> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come as --name value pairs");
        }
        Map<String, List<String>> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("not an option name: " + args[i]);
            }
            values.computeIfAbsent(args[i].substring(2), name -> new ArrayList<>()).add(args[i + 1]);
        }
        return new Options(values);
    }

    String required(String name) {
        List<String> given = values.get(name);
        if (given == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return given.get(given.size() - 1);
    }

    String optional(String name, String fallback) {
        return values.containsKey(name) ? required(name) : fallback;
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(optional(name, String.valueOf(fallback)));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
