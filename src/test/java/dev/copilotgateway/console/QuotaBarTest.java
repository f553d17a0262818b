package dev.copilotgateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.admin.AccountView;
import dev.copilotgateway.github.CopilotUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaBarTest {

    @Test
    void aPremiumQuotaIsWhatIsLeftOfTheEntitlement() {
        QuotaBar bar = QuotaBar.of("premium_interactions", new CopilotUsage.QuotaSnapshot(300.0, 120.5, 40.2, false, true));
        assertEquals(new QuotaBar("premium_interactions", false, "120.5", "300", 40, true), bar);
        assertTrue(bar.named());
    }

    @Test
    void percentFromTheAmountsClampedToTheBar() {
        assertEquals(100, QuotaBar.percent(300.0, 300.0, null));
        assertEquals(0, QuotaBar.percent(0.0, 300.0, 50.0), "the amounts win over GitHub's percent");
        assertEquals(0, QuotaBar.percent(-4.0, 300.0, null), "overage below zero");
        assertEquals(100, QuotaBar.percent(350.0, 300.0, null));
        assertEquals(1, QuotaBar.percent(1.5, 300.0, null), "0.5 % rounds up");
        assertEquals(73, QuotaBar.percent(null, 0.0, 72.6), "no entitlement: GitHub's percent");
        assertNull(QuotaBar.percent(null, null, null));
    }

    @Test
    void anUnlimitedQuotaHasNoBar() {
        QuotaBar bar = QuotaBar.of("chat", new CopilotUsage.QuotaSnapshot(0.0, 0.0, 100.0, true, false));
        assertTrue(bar.unlimited());
        assertNull(bar.percent());
        assertNull(bar.entitlement());
    }

    @Test
    void aQuotaTheConsoleDoesNotKnowIsShownByItsId() {
        assertFalse(QuotaBar.of("agent_minutes", new CopilotUsage.QuotaSnapshot(10.0, 5.0, null, null, null)).named());
    }

    @Test
    void thePoolsLiveQuotaHasNoEntitlementSoNoBar() {
        QuotaBar bar = QuotaBar.ofLive(new AccountView.QuotaView(12.0, false, false, Instant.EPOCH));
        assertEquals("12", bar.remaining());
        assertNull(bar.percent());
        assertNull(QuotaBar.ofLive(null));
    }

    @Test
    void numbersWithoutNeedlessFractions() {
        assertEquals("300", QuotaBar.number(300.0));
        assertEquals("287.5", QuotaBar.number(287.5));
        assertEquals("0.3", QuotaBar.number(0.33));
        assertEquals("0", QuotaBar.number(0.0));
        assertNull(QuotaBar.number(null));
    }

    @Test
    void theUsagePageShowsPremiumChatAndCompletionsFirst() {
        CopilotUsage usage = new CopilotUsage("individual", null, null, "2027-01-01", Map.of(
                "completions", new CopilotUsage.QuotaSnapshot(0.0, 0.0, 100.0, true, false),
                "agent_minutes", new CopilotUsage.QuotaSnapshot(10.0, 5.0, null, null, null),
                "chat", new CopilotUsage.QuotaSnapshot(0.0, 0.0, 100.0, true, false),
                "premium_interactions", new CopilotUsage.QuotaSnapshot(300.0, 300.0, 100.0, false, false)));
        assertEquals(List.of("premium_interactions", "chat", "completions", "agent_minutes"),
                UsageController.bars(usage).stream().map(QuotaBar::id).toList());
    }
}
