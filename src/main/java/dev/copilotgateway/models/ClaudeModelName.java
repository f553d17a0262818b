package dev.copilotgateway.models;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Claude model name reduced to family and version (TRANSLATION.md §2.1 rule 4), whatever spelling the client
 * used: {@code claude-sonnet-4-5}, {@code claude-sonnet-4.5}, {@code claude-3-5-sonnet}, {@code claude-3.5-sonnet}.
 * {@link #copilotId()} is Copilot's dotted spelling. {@code minor} is -1 when the name has a major version only.
 */
public record ClaudeModelName(String family, int major, int minor) {

    private static final List<Pattern> FAMILY_FIRST = List.of(
            Pattern.compile("claude-([a-z]+)-(\\d+)\\.(\\d+)"),
            Pattern.compile("claude-([a-z]+)-(\\d+)-(\\d+)"),
            Pattern.compile("claude-([a-z]+)-(\\d+)"));
    private static final List<Pattern> VERSION_FIRST = List.of(
            Pattern.compile("claude-(\\d+)-(\\d+)-([a-z]+)"),
            Pattern.compile("claude-(\\d+)\\.(\\d+)-([a-z]+)"),
            Pattern.compile("claude-(\\d+)-([a-z]+)"));

    /**
     * The family and version of a bare Claude name (no date, no modifier suffix, lower case), or empty for any
     * other name. Copilot spells Opus 4.1 {@code claude-opus-41}: a two-digit version without separator is read
     * as major and minor, so that it sorts below 4.5.
     */
    public static Optional<ClaudeModelName> parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Pattern pattern : FAMILY_FIRST) {
            Matcher match = pattern.matcher(lower);
            if (match.matches()) {
                return Optional.of(match.groupCount() == 3
                        ? new ClaudeModelName(match.group(1), number(match.group(2)), number(match.group(3)))
                        : fromSingleVersion(match.group(1), match.group(2)));
            }
        }
        for (Pattern pattern : VERSION_FIRST) {
            Matcher match = pattern.matcher(lower);
            if (match.matches()) {
                return Optional.of(match.groupCount() == 3
                        ? new ClaudeModelName(match.group(3), number(match.group(1)), number(match.group(2)))
                        : new ClaudeModelName(match.group(2), number(match.group(1)), -1));
            }
        }
        return Optional.empty();
    }

    private static ClaudeModelName fromSingleVersion(String family, String version) {
        if (version.length() == 2) {
            return new ClaudeModelName(family, version.charAt(0) - '0', version.charAt(1) - '0');
        }
        return new ClaudeModelName(family, number(version), -1);
    }

    private static int number(String digits) {
        return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    /** Copilot's id for this model: {@code claude-<family>-<major>.<minor>} or {@code claude-<family>-<major>}. */
    public String copilotId() {
        return "claude-" + family + "-" + major + (minor >= 0 ? "." + minor : "");
    }

    /** Whether this version is {@code major.minor} or later (a missing minor counts as 0). */
    public boolean atLeast(int otherMajor, int otherMinor) {
        return major != otherMajor ? major > otherMajor : Math.max(minor, 0) >= otherMinor;
    }

    /** Compares versions (family ignored): negative when this one is older. */
    int compareVersionTo(ClaudeModelName other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(Math.max(minor, 0), Math.max(other.minor, 0));
    }
}
