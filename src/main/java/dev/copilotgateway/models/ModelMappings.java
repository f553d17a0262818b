package dev.copilotgateway.models;

import dev.copilotgateway.protocol.JsonIo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model mappings in force at one moment (an immutable snapshot, read by request threads without locking):
 * a client naming {@code from} is served by the Copilot model {@code to}, and the model lists show {@code from},
 * with the capabilities of {@code to}, when the mapping is {@code exposed}. Names match trimmed and ignoring case,
 * like the other model-name rules (TRANSLATION.md §2.1 rule 1).
 */
public final class ModelMappings {

    /** One mapping as requests and listings use it. */
    public record Entry(String from, String to, boolean exposed) {
    }

    public static final ModelMappings NONE = new ModelMappings(List.of());

    /** By lower-cased {@code from}, in the order given (oldest first). */
    private final Map<String, Entry> byFrom;

    private ModelMappings(List<Entry> entries) {
        Map<String, Entry> indexed = new LinkedHashMap<>();
        for (Entry entry : entries) {
            indexed.putIfAbsent(key(entry.from()), entry);
        }
        this.byFrom = indexed;
    }

    public static ModelMappings of(List<Entry> entries) {
        return entries.isEmpty() ? NONE : new ModelMappings(entries);
    }

    public List<Entry> entries() {
        return List.copyOf(byFrom.values());
    }

    public boolean isEmpty() {
        return byFrom.isEmpty();
    }

    /** The mapping for the name a client sent, if there is one. */
    public Optional<Entry> entry(String requested) {
        if (byFrom.isEmpty() || requested == null) {
            return Optional.empty(); // the common case costs no string work
        }
        return Optional.ofNullable(byFrom.get(key(requested)));
    }

    /** The model name to look up for {@code requested}: the mapping's {@code to}, if a mapping names it. */
    public Optional<String> target(String requested) {
        return entry(requested).map(Entry::to);
    }

    /**
     * What a model list shows, from the {@code catalogue} of Copilot models: every catalogue model a mapping does not
     * take over, then each exposed mapping whose target is in the catalogue, as that model under the mapping's name.
     * A catalogue id that a mapping's {@code from} names is not shown as itself: requests for it go elsewhere.
     */
    public List<CopilotModel> listing(List<CopilotModel> catalogue) {
        if (byFrom.isEmpty()) {
            return catalogue;
        }
        Map<String, CopilotModel> byId = new LinkedHashMap<>();
        List<CopilotModel> listed = new ArrayList<>();
        for (CopilotModel model : catalogue) {
            byId.putIfAbsent(model.id(), model);
            if (!byFrom.containsKey(key(model.id()))) {
                listed.add(model);
            }
        }
        for (Entry entry : byFrom.values()) {
            CopilotModel target = byId.get(entry.to());
            if (entry.exposed() && target != null) {
                listed.add(renamed(target, entry.from()));
            }
        }
        return listed;
    }

    /** The catalogue entry of {@code model} shown under the name {@code id}. */
    public static CopilotModel renamed(CopilotModel model, String id) {
        return new CopilotModel(JsonIo.PROVIDER.createObjectBuilder(model.raw()).add("id", id).build());
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
