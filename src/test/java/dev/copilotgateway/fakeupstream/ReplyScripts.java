package dev.copilotgateway.fakeupstream;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/** Scripted replies for the next generation requests (FIFO), then the default reply derived from the request's turn. */
final class ReplyScripts {

    /** The default: {@code "Echo: <last user text>"}, so tests can assert what came back. */
    static final Function<Turn, Reply> ECHO = turn -> Reply.text("Echo: " + turn.lastUserText());

    private final Queue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private volatile Function<Turn, Reply> fallback = ECHO;

    void enqueue(Reply reply) {
        scripted.add(reply);
    }

    void setDefault(Function<Turn, Reply> fromTurn) {
        fallback = fromTurn;
    }

    Reply next(Turn turn) {
        Reply reply = scripted.poll();
        return reply != null ? reply : fallback.apply(turn);
    }

    void reset() {
        scripted.clear();
        fallback = ECHO;
    }
}
