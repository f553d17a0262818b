package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Sums;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sums as JSON and CSV; CSV cells quoted as RFC 4180 says, and never a spreadsheet formula. */
class UsageJsonTest {

    @Test
    void sumsByDayAsJsonAndCsv() {
        List<Sums> sums = List.of(new Sums(LocalDate.parse("2026-12-05"), 3, 300, 30, 100, 7, 1.5));
        JsonObject row = UsageJson.sums(GroupBy.DAY, sums).getJsonArray("data").getJsonObject(0);
        assertEquals("2026-12-05", row.getString("day"));
        assertEquals(3, row.getInt("requests"));
        assertEquals(300, row.getInt("inputTokens"));
        assertEquals(1.5, row.getJsonNumber("premiumRequests").doubleValue());
        assertEquals("day,requests,inputTokens,outputTokens,cachedTokens,reasoningTokens,premiumRequests\r\n2026-12-05,3,300,30,100,7,1.5\r\n",
                UsageJson.sumsCsv(GroupBy.DAY, sums));
        assertEquals("keyId", UsageJson.sums(GroupBy.KEY, List.of(new Sums(null, 1, 0, 0, 0, 0, 0))).getJsonArray("data").getJsonObject(0)
                .keySet().iterator().next());
    }

    @Test
    void cellsAreQuotedWhenTheyMustBe() {
        assertEquals("gpt-4.1", UsageJson.cell("gpt-4.1"));
        assertEquals("\"a,b\"", UsageJson.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", UsageJson.cell("say \"hi\""));
        assertEquals("\"'=HYPERLINK(1)\"", UsageJson.cell("=HYPERLINK(1)"));
        assertEquals("-3", UsageJson.cell(-3L), "a number is a number");
        assertEquals("", UsageJson.cell(null));
    }
}
