package dev.copilotgateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.InvalidSettingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseConnectorTest {

    @TempDir
    Path folder;

    @Test
    void opensAndReportsReady() {
        AtomicInteger opened = new AtomicInteger();
        try (DatabaseConnector connector = new DatabaseConnector(() -> GatewayDataSource.embeddedH2(folder), db -> opened.incrementAndGet())) {
            connector.connect();
            assertEquals(new DatabaseConnector.Status(true, null, "1"), connector.status());
            assertTrue(connector.database().isPresent());
            assertEquals(1, opened.get());
        }
    }

    @Test
    void unavailableDatabaseIsRetriedInTheBackgroundUntilItAnswers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (DatabaseConnector connector = new DatabaseConnector(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("Connection refused");
            }
            return GatewayDataSource.embeddedH2(folder);
        }, db -> { }, Duration.ofMillis(20))) {
            connector.connect(); // does not throw: a down database is not a reason to refuse the deployment
            DatabaseConnector.Status whileDown = connector.status();
            if (!whileDown.ready()) {
                assertEquals("the database is unavailable (see the gateway log)", whileDown.reason());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!connector.status().ready() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(connector.status().ready());
            assertEquals(3, attempts.get());
        }
    }

    @Test
    void configurationMistakeOnFirstAttemptStopsStartUpAndIsNotRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        InvalidSettingException mistake = new InvalidSettingException("encryption-key", "test", "does not match");
        try (DatabaseConnector connector = new DatabaseConnector(() -> {
            attempts.incrementAndGet();
            return GatewayDataSource.embeddedH2(folder);
        }, db -> {
            throw mistake;
        }, Duration.ofMillis(10))) {
            assertSame(mistake, assertThrows(InvalidSettingException.class, connector::connect));
            Thread.sleep(100);
            assertEquals(1, attempts.get());
            assertFalse(connector.status().ready());
            assertEquals(mistake.getMessage(), connector.status().reason());
            assertTrue(connector.database().isEmpty());
        }
    }

    @Test
    void closedDatabaseIsNotReady() {
        DatabaseConnector connector = new DatabaseConnector(() -> GatewayDataSource.embeddedH2(folder), db -> { });
        connector.connect();
        connector.close();
        assertFalse(connector.status().ready());
    }
}
