package dev.copilotgateway.models;

import dev.copilotgateway.config.GatewayConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the model name a client sends into the Copilot model to call (TRANSLATION.md §2.1): Anthropic SDK and
 * Claude Code names ({@code claude-sonnet-4-5-20250929}, {@code claude-opus-4-6[1m]}, {@code opus}) become Copilot
 * ids ({@code claude-sonnet-4.5}, {@code claude-opus-4.6-1m}); other names pass through. Pure: the available models
 * are an argument, the configured tables are fixed at construction.
 *
 * <p>Order of the rules: the admin API's model mappings come first ({@link ModelMappings}, applied by
 * {@link #resolve(String, ModelHints, Collection, ModelMappings)}); then the configured alias map wins over the rest
 * (a hit on the client's name or on its normalised form replaces the name, whose own suffixes still count); Claude
 * names are normalised and a raw
 * variant chosen from the hints; a name that is not listed falls back to the unmodified name, to Copilot's
 * dotless spelling ({@code claude-opus-41}), then to the best listed model of its family; short family names
 * ({@code opus}) take the best of the family directly. "Best of a family" is the first listed id of the
 * configured preference table, else the highest listed version.
 */
public final class ModelNameResolver {

    private static final Pattern BRACKET_SUFFIX = Pattern.compile("\\[([^\\[\\]]*)]$");
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final List<String> VARIANT_SUFFIXES = List.of("high", "xhigh", "1m", "1m-internal");
    private static final long ONE_MILLION_TOKENS = 1_000_000L;
    private static final int MAX_SUGGESTIONS = 3;

    private final Map<String, String> aliasesByName = new LinkedHashMap<>();
    private final Map<String, String> aliasesByNormalisedName = new LinkedHashMap<>();
    private final Map<String, List<String>> familyPreferences;
    private final Map<String, String> geminiFallbacks;

    /**
     * @param aliases client name → model name, applied before everything else; keys match the client's name as
     *     sent or its normalised form, so {@code claude-sonnet-4-5} and {@code claude-sonnet-4.5} are the same key
     * @param familyPreferences family ({@code opus}) → Copilot ids, best first (rule 7)
     * @param geminiFallbacks Gemini ids → the id to use instead when the first is not available (rule 9)
     */
    public ModelNameResolver(Map<String, String> aliases, Map<String, List<String>> familyPreferences, Map<String, String> geminiFallbacks) {
        aliases.forEach((name, target) -> {
            String key = name.strip().toLowerCase(Locale.ROOT);
            aliasesByName.put(key, target.strip());
            aliasesByNormalisedName.put(ParsedName.of(key, false).normalised(), target.strip());
        });
        this.familyPreferences = lowerCaseKeys(familyPreferences);
        this.geminiFallbacks = lowerCaseKeys(geminiFallbacks);
    }

    public static ModelNameResolver fromConfig(GatewayConfig config) {
        return new ModelNameResolver(config.modelAliases(), config.modelFamilyPreference(), config.geminiModelFallbacks());
    }

    /**
     * Resolves {@code requested} after the model mappings: a name a mapping takes ({@code from}) is resolved as its
     * {@code to}, by every rule below (aliases included), so a mapping wins over an alias of the same name. The
     * resolution keeps the client's name as {@code requested}, for messages and for the answer's {@code model}.
     */
    public ModelResolution resolve(String requested, ModelHints hints, Collection<CopilotModel> available, ModelMappings mappings) {
        Optional<String> target = mappings.target(requested);
        if (target.isEmpty()) {
            return resolve(requested, hints, available);
        }
        ModelResolution mapped = resolve(target.get(), hints, available);
        return new ModelResolution(requested, mapped.model(), mapped.lookedFor(), mapped.effort(), mapped.context1m(), mapped.suggestions());
    }

    /** Resolves {@code requested} against the {@code available} models of the account(s) that could serve it. */
    public ModelResolution resolve(String requested, ModelHints hints, Collection<CopilotModel> available) {
        String original = requested == null ? "" : requested;
        String lower = original.strip().toLowerCase(Locale.ROOT);
        Map<String, CopilotModel> byId = index(available);
        ParsedName asked = ParsedName.of(lower, hints.geminiIngress()).withHints(hints);
        String aliasTarget = aliasesByName.getOrDefault(lower, aliasesByNormalisedName.get(asked.normalised()));
        ParsedName name = aliasTarget == null
                ? asked
                : ParsedName.of(aliasTarget.toLowerCase(Locale.ROOT), hints.geminiIngress()).withHintsOf(asked);
        Optional<CopilotModel> model = select(name, byId);
        List<String> suggestions = model.isPresent() ? List.of() : suggestions(name.normalised(), available);
        return new ModelResolution(original, model, name.normalised(), name.effort(), name.context1m(), suggestions);
    }

    private Optional<CopilotModel> select(ParsedName name, Map<String, CopilotModel> byId) {
        if (name.claude().isPresent()) {
            ClaudeModelName claude = name.claude().get();
            return variant(claude.copilotId(), name, byId)
                    .or(() -> Optional.ofNullable(byId.get(name.unmodified())))
                    .or(() -> dotless(claude).flatMap(id -> variant(id, name, byId)))
                    .or(() -> bestOfFamily(claude.family(), name, byId));
        }
        String family = name.stripped().startsWith("claude-") ? name.stripped().substring("claude-".length()) : name.stripped();
        if (familyPreferences.containsKey(family)) {
            return bestOfFamily(family, name, byId);
        }
        return Optional.ofNullable(byId.get(name.unmodified()))
                .or(() -> Optional.ofNullable(byId.get(name.stripped())))
                .or(() -> name.gemini() ? Optional.ofNullable(geminiFallbacks.get(name.stripped())).map(byId::get) : Optional.empty());
    }

    /**
     * Rule 6: among {@code base} and its raw variants ({@code base-high}, {@code base-1m-internal}, …) the one the
     * hints ask for; {@code -fast} only when asked for and listed.
     */
    private static Optional<CopilotModel> variant(String base, ParsedName name, Map<String, CopilotModel> byId) {
        if (name.fast() && byId.containsKey(base + "-fast")) {
            return Optional.of(byId.get(base + "-fast"));
        }
        List<CopilotModel> variants = new ArrayList<>();
        for (Map.Entry<String, CopilotModel> entry : byId.entrySet()) {
            String id = entry.getKey();
            if (id.equals(base) || id.startsWith(base + "-") && VARIANT_SUFFIXES.contains(id.substring(base.length() + 1))) {
                variants.add(entry.getValue());
            }
        }
        if (variants.isEmpty()) {
            return Optional.empty();
        }
        List<CopilotModel> oneMillion = variants.stream().filter(ModelNameResolver::isOneMillionContext).toList();
        List<CopilotModel> regular = variants.stream().filter(model -> !isOneMillionContext(model)).toList();
        if (name.context1m() && !oneMillion.isEmpty()) {
            return Optional.of(name.effort().flatMap(effort -> firstSupporting(oneMillion, effort)).orElseGet(() -> fewestParts(oneMillion)));
        }
        Optional<CopilotModel> exactBase = Optional.ofNullable(byId.get(base));
        if (name.effort().isPresent()) {
            String effort = name.effort().get();
            Optional<CopilotModel> supporting = exactBase.filter(model -> supportsEffort(model, effort))
                    .or(() -> firstSupporting(sortedByParts(regular), effort));
            if (supporting.isPresent()) {
                return supporting;
            }
        }
        return exactBase.or(() -> Optional.of(fewestParts(regular.isEmpty() ? oneMillion : regular)));
    }

    /** Rule 7: the first listed model of the family's preference table, else its highest listed version. */
    private Optional<CopilotModel> bestOfFamily(String family, ParsedName name, Map<String, CopilotModel> byId) {
        for (String preferred : familyPreferences.getOrDefault(family, List.of())) {
            Optional<CopilotModel> model = variant(preferred.toLowerCase(Locale.ROOT), name, byId);
            if (model.isPresent()) {
                return model;
            }
        }
        return byId.keySet().stream()
                .map(ClaudeModelName::parse)
                .flatMap(Optional::stream)
                .filter(listed -> listed.family().equals(family))
                .max(ClaudeModelName::compareVersionTo)
                .flatMap(highest -> variant(highest.copilotId(), name, byId));
    }

    /** Copilot spells some versions without the dot: Opus 4.1 is {@code claude-opus-41}. */
    private static Optional<String> dotless(ClaudeModelName claude) {
        if (claude.minor() < 0 || claude.major() > 9 || claude.minor() > 9) {
            return Optional.empty();
        }
        return Optional.of("claude-" + claude.family() + "-" + claude.major() + claude.minor());
    }

    private static boolean isOneMillionContext(CopilotModel model) {
        return model.id().contains("-1m") || ModelCapabilities.of(model).maxContextWindowTokens().orElse(0L) >= ONE_MILLION_TOKENS;
    }

    private static boolean supportsEffort(CopilotModel model, String effort) {
        return ModelCapabilities.of(model).reasoningEfforts().contains(effort);
    }

    private static Optional<CopilotModel> firstSupporting(List<CopilotModel> models, String effort) {
        return models.stream().filter(model -> supportsEffort(model, effort)).findFirst();
    }

    private static List<CopilotModel> sortedByParts(List<CopilotModel> models) {
        return models.stream().sorted(Comparator.comparingInt(ModelNameResolver::parts)).toList();
    }

    private static CopilotModel fewestParts(List<CopilotModel> models) {
        return sortedByParts(models).get(0);
    }

    private static int parts(CopilotModel model) {
        return model.id().split("-").length;
    }

    /** Up to three listed ids close to {@code lookedFor}: same family first, then by edit distance. */
    static List<String> suggestions(String lookedFor, Collection<CopilotModel> available) {
        String family = familyKey(lookedFor);
        int tolerance = Math.max(3, lookedFor.length() / 3);
        record Candidate(String id, boolean sameFamily, int distance) {
        }
        return available.stream()
                .filter(model -> !"completion".equals(model.type()))
                .map(model -> new Candidate(model.id(), familyKey(model.id().toLowerCase(Locale.ROOT)).equals(family),
                        EditDistance.between(lookedFor, model.id().toLowerCase(Locale.ROOT))))
                .filter(candidate -> candidate.sameFamily() || candidate.distance() <= tolerance)
                .sorted(Comparator.comparing((Candidate candidate) -> !candidate.sameFamily()).thenComparingInt(Candidate::distance))
                .map(Candidate::id)
                .distinct()
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    /** {@code claude-opus} for Claude ids, the first dash-separated word ({@code gpt}, {@code gemini}) otherwise. */
    private static String familyKey(String id) {
        String[] parts = id.split("-");
        return parts[0].equals("claude") && parts.length > 1 ? "claude-" + parts[1] : parts[0];
    }

    private static Map<String, CopilotModel> index(Collection<CopilotModel> available) {
        Map<String, CopilotModel> byId = new LinkedHashMap<>();
        for (CopilotModel model : available) {
            byId.putIfAbsent(model.id().toLowerCase(Locale.ROOT), model);
        }
        return byId;
    }

    private static <V> Map<String, V> lowerCaseKeys(Map<String, V> map) {
        Map<String, V> lower = new LinkedHashMap<>();
        map.forEach((key, value) -> lower.put(key.strip().toLowerCase(Locale.ROOT), value));
        return lower;
    }

    /**
     * A client's model name taken apart (rules 1–5): the name without bracket suffixes ({@code unmodified}), without
     * modifier and date suffixes too ({@code stripped}), its Claude family and version if it is a Claude name, and
     * the hints its suffixes carry.
     */
    private record ParsedName(String unmodified, String stripped, Optional<ClaudeModelName> claude, boolean context1m,
            boolean fast, Optional<String> effort, boolean gemini) {

        static ParsedName of(String lower, boolean gemini) {
            String name = lower;
            boolean context1m = false;
            boolean fast = false;
            Optional<String> effort = Optional.empty();
            for (Matcher bracket = BRACKET_SUFFIX.matcher(name); bracket.find(); bracket = BRACKET_SUFFIX.matcher(name)) {
                String inside = bracket.group(1).strip();
                context1m |= inside.equals("1m");
                fast |= inside.equals("fast");
                name = name.substring(0, bracket.start()).strip();
            }
            if (gemini && name.endsWith("-customtools")) {
                name = name.substring(0, name.length() - "-customtools".length());
            }
            String stripped = name;
            for (boolean changed = true; changed; ) {
                changed = false;
                if (stripped.endsWith("-fast")) {
                    fast = true;
                    stripped = cut(stripped, "-fast");
                    changed = true;
                } else if (stripped.endsWith("-1m")) {
                    context1m = true;
                    stripped = cut(stripped, "-1m");
                    changed = true;
                } else if (stripped.endsWith("-xhigh") || stripped.endsWith("-high")) {
                    String suffix = stripped.substring(stripped.lastIndexOf('-') + 1);
                    effort = effort.or(() -> Optional.of(suffix));
                    stripped = cut(stripped, "-" + suffix);
                    changed = true;
                } else if (DATE_SUFFIX.matcher(stripped).find()) {
                    stripped = stripped.substring(0, stripped.length() - 9);
                    changed = true;
                }
            }
            return new ParsedName(name, stripped, ClaudeModelName.parse(stripped), context1m, fast, effort, gemini);
        }

        private static String cut(String name, String suffix) {
            return name.substring(0, name.length() - suffix.length());
        }

        /** The name as looked up: Copilot's spelling for Claude names, the unmodified name otherwise. */
        String normalised() {
            return claude.map(ClaudeModelName::copilotId).orElse(unmodified);
        }

        /** Adds the request's hints; an effort in the name wins over the request's. */
        ParsedName withHints(ModelHints hints) {
            return new ParsedName(unmodified, stripped, claude, context1m || hints.context1m(), fast, effort.or(hints::effort), gemini);
        }

        /** Adds the hints of the name an alias replaced. */
        ParsedName withHintsOf(ParsedName replaced) {
            return new ParsedName(unmodified, stripped, claude, context1m || replaced.context1m(), fast || replaced.fast(),
                    effort.or(replaced::effort), gemini);
        }
    }
}
