package dev.copilotgateway.it;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What one agent process left: its exit code, its JSON-lines stdout, its stderr and the folder they are kept in. */
record AgentRun(int exitCode, List<String> stdout, String stderr, Path runDir) {

    /** The stdout lines that are JSON objects (the agents' event streams), in order. */
    List<JsonObject> events() {
        List<JsonObject> events = new ArrayList<>();
        for (String line : stdout) {
            if (line.startsWith("{")) {
                try (JsonReader reader = Json.createReader(new StringReader(line))) {
                    events.add(reader.readObject());
                } catch (JsonException e) {
                    // not an event: progress or log text the agent printed to stdout
                }
            }
        }
        return events;
    }

    /** For assertion messages: where to look and how it ended. */
    String describe() {
        String tail = stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr;
        return "exit " + exitCode + ", output in " + runDir + "\nstdout: " + String.join("\n", stdout.subList(Math.max(0, stdout.size() - 8), stdout.size()))
                + "\nstderr: " + tail;
    }
}
