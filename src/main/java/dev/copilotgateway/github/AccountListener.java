package dev.copilotgateway.github;

/** Told when an account's GitHub token changes or the account goes, so what was derived from it can be dropped. */
public interface AccountListener {

    /** The account is new or has a new GitHub token. */
    void credentialsChanged(long accountId);

    void removed(long accountId);

    /** The operator changed the account's pool settings (enabled, priority, weight, name). */
    default void settingsChanged(long accountId, boolean enabled) {
    }
}
