package dev.copilotgateway.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** One console page and its forms. Reading is for every signed-in user; {@link #post} only ever reaches an admin. */
interface PageController {

    /** Whether only an admin may even read the page (a viewer gets 403). */
    default boolean adminOnly() {
        return false;
    }

    /** Whether {@code path} (inside the web application) is this page or one of its forms. */
    boolean handles(String path);

    void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException;

    void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException;
}
