package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.UsageRecordRepository.Filter;
import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Position;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin usage endpoints' query parameters: what each means, and a 400 naming the one that is wrong. */
class UsageParamsTest {

    @Test
    void filtersTimesAndLimit() {
        UsageParams params = UsageParams.forRequests(Map.of("keyId", List.of("3"), "accountId", List.of("4"), "model", List.of("gpt-4.1"),
                "from", List.of("2026-12-01"), "to", List.of("2026-12-05T10:00:00Z"), "limit", List.of("50")));
        assertEquals(new Filter(3L, 4L, "gpt-4.1", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-05T10:00:00Z")),
                params.filter());
        assertEquals(50, params.limit());
        assertNull(params.before());
        assertEquals(UsageParams.DEFAULT_LIMIT, UsageParams.forRequests(Map.of()).limit());
        assertEquals(Filter.ALL, UsageParams.forRequests(Map.of("model", List.of(" "))).filter(), "empty is absent");
    }

    @Test
    void theCursorGoesRoundTrip() {
        Position position = new Position(Instant.parse("2026-12-05T10:00:00.123456Z"), 42);
        assertEquals(position, UsageParams.forRequests(Map.of("before", List.of(UsageParams.cursor(position)))).before());
    }

    @Test
    void groupByAndFormat() {
        assertEquals(GroupBy.MODEL, UsageParams.forUsage(Map.of("groupBy", List.of("model"))).groupBy());
        assertEquals(GroupBy.DAY, UsageParams.forUsage(Map.of()).groupBy());
        assertTrue(UsageParams.forUsage(Map.of("format", List.of("csv"))).csv(null));
        assertTrue(UsageParams.forUsage(Map.of()).csv("text/csv"));
        assertFalse(UsageParams.forUsage(Map.of("format", List.of("json"))).csv("text/csv"), "format wins");
        assertFalse(UsageParams.forUsage(Map.of()).csv("application/json"));
    }

    @Test
    void badValuesNameTheirParameter() {
        assertParam("keyId", () -> UsageParams.forRequests(Map.of("keyId", List.of("abc"))).filter());
        assertParam("accountId", () -> UsageParams.forRequests(Map.of("accountId", List.of("-1"))).filter());
        assertParam("from", () -> UsageParams.forRequests(Map.of("from", List.of("yesterday"))).filter());
        assertParam("to", () -> UsageParams.forRequests(Map.of("from", List.of("2026-12-05"), "to", List.of("2026-12-04"))).filter());
        assertParam("limit", () -> UsageParams.forRequests(Map.of("limit", List.of("0"))).limit());
        assertParam("limit", () -> UsageParams.forRequests(Map.of("limit", List.of("10001"))).limit());
        assertParam("before", () -> UsageParams.forRequests(Map.of("before", List.of("not-a-cursor"))).before());
        assertParam("groupBy", () -> UsageParams.forUsage(Map.of("groupBy", List.of("week"))).groupBy());
        assertParam("format", () -> UsageParams.forUsage(Map.of("format", List.of("xml"))).csv(null));
        assertParam("model", () -> UsageParams.forUsage(Map.of("model", List.of("x"))), "not a parameter of /usage");
        assertParam("keyId", () -> UsageParams.forRequests(Map.of("keyId", List.of("1", "2"))).filter());
    }

    private static void assertParam(String param, Runnable parse) {
        assertParam(param, parse, param);
    }

    private static void assertParam(String param, Runnable parse, String why) {
        InvalidRequestException invalid = assertThrows(InvalidRequestException.class, parse::run, why);
        assertEquals(param, invalid.param(), invalid.getMessage());
    }
}
