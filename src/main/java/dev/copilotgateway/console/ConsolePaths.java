package dev.copilotgateway.console;

/** The console's paths, relative to the web application. */
final class ConsolePaths {

    static final String ROOT = "/console";
    static final String HOME = "/console/";
    static final String SIGN_IN = "/console/login";
    static final String SIGN_OUT = "/console/logout";
    static final String SETUP = "/console/setup";

    private ConsolePaths() {
    }

    /** Whether {@code path} (a request URI without the context path) belongs to the console. */
    static boolean isConsole(String path) {
        return path.equals(ROOT) || path.startsWith(HOME);
    }
}
