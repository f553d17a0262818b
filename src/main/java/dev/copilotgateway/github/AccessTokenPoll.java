package dev.copilotgateway.github;

import dev.copilotgateway.config.Secret;
import java.time.Duration;
import java.util.Optional;

/** GitHub's answer to one poll of the device flow (UPSTREAM.md §2.3). Transport failures are not answers: they fail the call. */
public sealed interface AccessTokenPoll {

    /** The user entered the code: here is the GitHub token. */
    record Granted(Secret githubToken) implements AccessTokenPoll {
    }

    /** {@code authorization_pending}: poll again after the same interval. */
    record Pending() implements AccessTokenPoll {
    }

    /** {@code slow_down}: poll less often; GitHub usually says the new interval. */
    record SlowDown(Optional<Duration> newInterval) implements AccessTokenPoll {
    }

    /** {@code expired_token}: the code is dead; start again. */
    record Expired() implements AccessTokenPoll {
    }

    /** {@code access_denied}: the user cancelled. */
    record Denied() implements AccessTokenPoll {
    }

    /** Any other OAuth error ({@code incorrect_device_code}, {@code device_flow_disabled} ...): stop and report. */
    record Failed(String reason) implements AccessTokenPoll {
    }
}
