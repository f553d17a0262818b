package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefusedKeyLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Logger logger = Logger.getLogger(RefusedKeyLogTest.class.getName() + ".capture");
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void aFloodOfOneWrongKeyIsOneLineAMinuteWithACount() {
        RefusedKeyLog log = new RefusedKeyLog(logger, clock, 100);
        for (int i = 0; i < 500; i++) {
            log.refused("cgw_abcd", "POST /v1/chat/completions");
        }
        assertEquals(List.of("Refused POST /v1/chat/completions: API key cgw_abcd… is unknown, revoked or expired"), lines);
        clock.advance(Duration.ofSeconds(59));
        log.refused("cgw_abcd", "POST /v1/messages");
        assertEquals(1, lines.size());
        clock.advance(Duration.ofSeconds(1));
        log.refused("cgw_abcd", "POST /v1/messages");
        assertEquals("Refused POST /v1/messages: API key cgw_abcd… is unknown, revoked or expired"
                + " (and 500 more refusals of it in the last minute)", lines.get(1));
        log.refused("cgw_other", "GET /v1/models");
        assertEquals(3, lines.size(), "another prefix has its own line");
    }

    @Test
    void manyDistinctPrefixesShareOneLine() {
        RefusedKeyLog log = new RefusedKeyLog(logger, clock, 10);
        for (int i = 0; i < 1_000; i++) {
            log.refused("cgw_" + i, "GET /v1/models");
        }
        assertEquals(11, lines.size(), "ten prefixes, then the shared line: " + lines.subList(9, 11));
        assertEquals("Refused GET /v1/models: API key " + RefusedKeyLog.OTHER_PREFIXES + "… is unknown, revoked or expired", lines.get(10));
    }
}
