package dev.copilotgateway.fakeupstream;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/** Scripted replies for the next generation requests (FIFO), then the default reply derived from the user's text. */
final class ReplyScripts {

    /** The default: {@code "Echo: <last user text>"}, so tests can assert what came back. */
    static final Function<String, Reply> ECHO = lastUserText -> Reply.text("Echo: " + lastUserText);

    private final Queue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private volatile Function<String, Reply> fallback = ECHO;

    void enqueue(Reply reply) {
        scripted.add(reply);
    }

    void setDefault(Function<String, Reply> fromLastUserText) {
        fallback = fromLastUserText;
    }

    Reply next(String lastUserText) {
        Reply reply = scripted.poll();
        return reply != null ? reply : fallback.apply(lastUserText);
    }

    void reset() {
        scripted.clear();
        fallback = ECHO;
    }
}
