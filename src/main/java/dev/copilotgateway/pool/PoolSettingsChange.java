package dev.copilotgateway.pool;

import dev.copilotgateway.config.HumanDuration;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Duration;

/**
 * A change to the pool's settings as the admin API and the console take it: any of the strategy's name, the stickiness
 * ({@code 1h}; {@code 0s} turns it off), the most accounts one request may try, the upstream pacing (the least time
 * between two requests to one account, {@code 0s} for none; {@code wait} or {@code refuse}; how long and how many may
 * wait) and manual approval (on or off; how long a request waits for a decision); a value left out (null) keeps its
 * current one. Every bad value is an {@link InvalidRequestException} naming the field.
 */
public record PoolSettingsChange(String strategy, String stickinessTtl, Integer maxAttempts, String pacingInterval,
                                 String pacingMode, String pacingMaxWait, Integer pacingMaxQueue, Boolean manualApproval,
                                 String approvalTimeout) {

    /** A change of the strategy, stickiness and attempts only. */
    public PoolSettingsChange(String strategy, String stickinessTtl, Integer maxAttempts) {
        this(strategy, stickinessTtl, maxAttempts, null, null, null, null, null, null);
    }

    /** The settings {@code current} becomes with this change. */
    public PoolSettings applyTo(PoolSettings current) {
        PoolStrategy newStrategy = strategy == null ? current.strategy() : PoolStrategy.fromWireName(strategy).orElseThrow(() ->
                new InvalidRequestException("strategy", "Unknown strategy '" + strategy + "'; the strategies are " + PoolStrategy.wireNames()));
        Duration stickiness = stickinessTtl == null ? current.stickinessTtl()
                : duration("stickinessTtl", stickinessTtl, Duration.ZERO, PoolSettings.MAX_STICKINESS, " (0s turns stickiness off)");
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > PoolSettings.MAX_ATTEMPTS_LIMIT)) {
            throw new InvalidRequestException("maxAttempts", "maxAttempts must be a whole number from 1 to " + PoolSettings.MAX_ATTEMPTS_LIMIT);
        }
        return new PoolSettings(newStrategy, stickiness, maxAttempts != null ? maxAttempts : current.maxAttempts(),
                pacing(current.pacing()), approval(current.approval()));
    }

    private UpstreamPacing pacing(UpstreamPacing current) {
        Duration interval = pacingInterval == null ? current.minInterval()
                : duration("pacingInterval", pacingInterval, Duration.ZERO, UpstreamPacing.MAX_INTERVAL, " (0s turns pacing off)");
        UpstreamPacing.Mode mode = pacingMode == null ? current.mode() : UpstreamPacing.Mode.fromWireName(pacingMode).orElseThrow(() ->
                new InvalidRequestException("pacingMode", "pacingMode must be 'wait' or 'refuse'"));
        Duration maxWait = pacingMaxWait == null ? current.maxWait()
                : duration("pacingMaxWait", pacingMaxWait, Duration.ZERO, UpstreamPacing.MAX_WAIT, "");
        if (pacingMaxQueue != null && (pacingMaxQueue < 1 || pacingMaxQueue > UpstreamPacing.MAX_QUEUE_LIMIT)) {
            throw new InvalidRequestException("pacingMaxQueue", "pacingMaxQueue must be a whole number from 1 to " + UpstreamPacing.MAX_QUEUE_LIMIT);
        }
        return new UpstreamPacing(interval, mode, maxWait, pacingMaxQueue != null ? pacingMaxQueue : current.maxQueue());
    }

    private ManualApproval approval(ManualApproval current) {
        Duration timeout = approvalTimeout == null ? current.timeout()
                : duration("approvalTimeout", approvalTimeout, Duration.ofSeconds(1), ManualApproval.MAX_TIMEOUT, "");
        return new ManualApproval(manualApproval != null ? manualApproval : current.required(), timeout);
    }

    private static Duration duration(String field, String text, Duration min, Duration max, String hint) {
        Duration duration;
        try {
            duration = HumanDuration.parse(text);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequestException(field, field + " " + invalid.getMessage());
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new InvalidRequestException(field, field + " must be from " + HumanDuration.format(min) + " to "
                    + HumanDuration.format(max) + hint);
        }
        return duration;
    }
}
