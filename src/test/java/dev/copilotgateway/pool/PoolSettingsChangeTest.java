package dev.copilotgateway.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.protocol.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSettingsChangeTest {

    @Test
    void pacingAndApprovalChangeAndTheRestStays() {
        PoolSettings changed = new PoolSettingsChange(null, null, null, "250ms", "refuse", "10s", 7, true, "2m")
                .applyTo(PoolSettings.DEFAULT);
        assertEquals(new UpstreamPacing(Duration.ofMillis(250), UpstreamPacing.Mode.REFUSE, Duration.ofSeconds(10), 7), changed.pacing());
        assertEquals(new ManualApproval(true, Duration.ofMinutes(2)), changed.approval());
        assertEquals(PoolSettings.DEFAULT.strategy(), changed.strategy());
        PoolSettings again = new PoolSettingsChange("priority", null, null).applyTo(changed);
        assertEquals(changed.pacing(), again.pacing());
        assertTrue(again.approval().required());
    }

    @Test
    void badValuesNameTheirField() {
        assertEquals("pacingMode", assertThrows(InvalidRequestException.class, () ->
                new PoolSettingsChange(null, null, null, null, "later", null, null, null, null).applyTo(PoolSettings.DEFAULT)).param());
        assertEquals("pacingInterval", assertThrows(InvalidRequestException.class, () ->
                new PoolSettingsChange(null, null, null, "2h", null, null, null, null, null).applyTo(PoolSettings.DEFAULT)).param());
        assertEquals("pacingMaxQueue", assertThrows(InvalidRequestException.class, () ->
                new PoolSettingsChange(null, null, null, null, null, null, 0, null, null).applyTo(PoolSettings.DEFAULT)).param());
        assertEquals("approvalTimeout", assertThrows(InvalidRequestException.class, () ->
                new PoolSettingsChange(null, null, null, null, null, null, null, null, "0s").applyTo(PoolSettings.DEFAULT)).param());
    }

    @Test
    void aRowStoredBeforePacingExistedGetsTheDefaults() {
        PoolSettings defaults = new PoolSettings(PoolStrategy.ROUND_ROBIN, Duration.ofHours(1), 3,
                new UpstreamPacing(Duration.ofSeconds(2), UpstreamPacing.Mode.WAIT, Duration.ofSeconds(30), 100), new ManualApproval(true, Duration.ofSeconds(60)));
        PoolSettings read = PoolSettingsStore.decode("{\"strategy\":\"priority\",\"stickinessTtl\":\"0s\",\"maxAttempts\":2}", defaults);
        assertEquals(PoolStrategy.PRIORITY, read.strategy());
        assertEquals(defaults.pacing(), read.pacing());
        assertEquals(defaults.approval(), read.approval());
    }

    @Test
    void whatIsStoredIsReadBack() {
        PoolSettings settings = new PoolSettingsChange("weighted", "5m", 4, "1s", "refuse", "0s", 9, false, "45s").applyTo(PoolSettings.DEFAULT);
        assertEquals(settings, PoolSettingsStore.decode(PoolSettingsStore.encode(settings).toString(), PoolSettings.DEFAULT));
        assertFalse(settings.approval().required());
    }
}
