package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryValuesTest {

    @Test
    void aTimeIsAnIsoInstantOrTheStartOfAUtcDay() {
        assertEquals(Instant.parse("2026-12-05T10:00:00Z"), QueryValues.time("from", " 2026-12-05T10:00:00Z "));
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), QueryValues.time("to", "2026-12-05"));
        assertNull(QueryValues.time("from", null));
        assertNull(QueryValues.time("from", " "));
    }

    @Test
    void anUnreadableTimeIsRefusedNamingItsParameter() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> QueryValues.time("before", "yesterday"));
        assertEquals("before", refused.param());
        assertTrue(refused.getMessage().contains("'before' must be an ISO-8601 time"), refused.getMessage());
    }

    @Test
    void aLimitIsAWholeNumberWithinItsBounds() {
        assertEquals(100, QueryValues.limit(null, 100, 1000));
        assertEquals(1, QueryValues.limit("1", 100, 1000));
        assertEquals(1000, QueryValues.limit(" 1000 ", 100, 1000));
        for (String bad : new String[] {"0", "1001", "ten", "1.5"}) {
            InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> QueryValues.limit(bad, 100, 1000), bad);
            assertEquals("limit", refused.param());
        }
    }
}
