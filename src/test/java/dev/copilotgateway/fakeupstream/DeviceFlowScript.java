package dev.copilotgateway.fakeupstream;

import java.util.ArrayList;
import java.util.List;

/**
 * The answers to successive polls of one device code, e.g.
 * {@code DeviceFlowScript.forUser("ghu_a").pending(2).slowDown(1).granted()}.
 * Polls past the end repeat a final granted / expired / denied answer, or stay pending otherwise.
 */
public final class DeviceFlowScript {

    enum Step { PENDING, SLOW_DOWN, GRANTED, EXPIRED, DENIED }

    /** One scripted poll answer; {@code newInterval} only matters for SLOW_DOWN (-1: current interval + 5 s). */
    record Poll(Step step, int newInterval) {
        boolean isFinal() {
            return step == Step.GRANTED || step == Step.EXPIRED || step == Step.DENIED;
        }
    }

    private static final Poll STILL_PENDING = new Poll(Step.PENDING, 0);

    private final String grantedToken;
    private final List<Poll> polls;

    private DeviceFlowScript(String grantedToken, List<Poll> polls) {
        this.grantedToken = grantedToken;
        this.polls = List.copyOf(polls);
    }

    /** A script whose GRANTED step hands out {@code githubToken} (registered or not). */
    public static DeviceFlowScript forUser(String githubToken) {
        return new DeviceFlowScript(githubToken, List.of());
    }

    public DeviceFlowScript pending(int times) {
        DeviceFlowScript script = this;
        for (int i = 0; i < times; i++) {
            script = script.then(STILL_PENDING);
        }
        return script;
    }

    /** A {@code slow_down} answer carrying the new interval (the spec's +5 s is slow for tests). */
    public DeviceFlowScript slowDown(int newIntervalSeconds) {
        return then(new Poll(Step.SLOW_DOWN, newIntervalSeconds));
    }

    /** A {@code slow_down} answer with the current interval plus 5 s, as GitHub does. */
    public DeviceFlowScript slowDown() {
        return then(new Poll(Step.SLOW_DOWN, -1));
    }

    public DeviceFlowScript granted() {
        return then(new Poll(Step.GRANTED, 0));
    }

    public DeviceFlowScript expired() {
        return then(new Poll(Step.EXPIRED, 0));
    }

    public DeviceFlowScript denied() {
        return then(new Poll(Step.DENIED, 0));
    }

    String grantedToken() {
        return grantedToken;
    }

    /** The answer to poll number {@code index} (0-based). */
    Poll poll(int index) {
        if (index < polls.size()) {
            return polls.get(index);
        }
        Poll last = polls.isEmpty() ? STILL_PENDING : polls.get(polls.size() - 1);
        return last.isFinal() ? last : STILL_PENDING;
    }

    private DeviceFlowScript then(Poll poll) {
        List<Poll> more = new ArrayList<>(polls);
        more.add(poll);
        return new DeviceFlowScript(grantedToken, more);
    }
}
