package dev.copilotgateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.config.InvalidSettingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
            assertEquals(new DatabaseConnector.Status(true, null, "4"), connector.status());
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
    void requireSaysWhyWhileDownAndReadyListenersRunOnceTheDatabaseIsOffered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (DatabaseConnector connector = new DatabaseConnector(() -> {
            if (attempts.incrementAndGet() < 2) {
                throw new IllegalStateException("Connection refused");
            }
            return GatewayDataSource.embeddedH2(folder);
        }, db -> { }, Duration.ofMillis(200))) {
            CompletableFuture<Boolean> offeredWhenToldBefore = new CompletableFuture<>();
            connector.whenReady(db -> offeredWhenToldBefore.complete(connector.database().orElse(null) == db));
            connector.connect();

            DatabaseUnavailableException down = assertThrows(DatabaseUnavailableException.class, connector::require);
            assertEquals("the database is unavailable (see the gateway log)", down.getMessage());
            assertFalse(offeredWhenToldBefore.isDone(), "not before the database is open");

            assertTrue(offeredWhenToldBefore.get(10, TimeUnit.SECONDS), "the listener ran after the database was offered");
            assertSame(connector.database().orElseThrow(), connector.require());
            AtomicInteger toldAfter = new AtomicInteger();
            connector.whenReady(db -> toldAfter.incrementAndGet());
            assertEquals(1, toldAfter.get(), "a listener added once open runs at once");
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
