package dev.copilotgateway.audit;

/**
 * Who did an audited action: the holder of the admin API key (which names nobody), or a console user by name (signed
 * in with a password or through SSO).
 */
public record Actor(String kind, String name) {

    public static final String ADMIN_KEY = "admin-key";
    public static final String CONSOLE_USER = "console-user";
    /** The request property under which the admin API's authentication leaves the actor. */
    public static final String PROPERTY = Actor.class.getName();

    public static Actor adminKey() {
        return new Actor(ADMIN_KEY, "admin-api-key");
    }

    public static Actor consoleUser(String username) {
        return new Actor(CONSOLE_USER, username);
    }
}
