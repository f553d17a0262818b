package dev.copilotgateway.pool;

import dev.copilotgateway.config.HumanDuration;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.GatewaySettingRepository;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Keeps the {@link PoolSettings} in the database ({@code gateway_setting} row {@value #NAME}, a small JSON object), so
 * every node of a cluster applies the same ones. No row means the defaults (the configured pacing and manual approval,
 * else {@link PoolSettings#DEFAULT}); a row written before a setting existed has that setting's default.
 */
public final class PoolSettingsStore {

    static final String NAME = "pool";
    private static final Logger LOG = Logger.getLogger(PoolSettingsStore.class.getName());

    private final DatabaseConnector databases;
    private final Clock clock;
    private final PoolSettings defaults;

    public PoolSettingsStore(DatabaseConnector databases, Clock clock) {
        this(databases, clock, PoolSettings.DEFAULT);
    }

    public PoolSettingsStore(DatabaseConnector databases, Clock clock, PoolSettings defaults) {
        this.databases = databases;
        this.clock = clock;
        this.defaults = defaults;
    }

    public PoolSettings read() {
        return databases.require().inTransaction(entityManager -> new GatewaySettingRepository(entityManager).find(NAME))
                .map(json -> decode(json, defaults))
                .orElse(defaults);
    }

    public void write(PoolSettings settings) {
        String json = encode(settings).toString();
        databases.require().runInTransaction(entityManager -> new GatewaySettingRepository(entityManager).put(NAME, json, clock.instant()));
        LOG.info("Pool settings changed: " + json);
    }

    /**
     * The shape the admin API shows: {@code {"strategy":"round-robin","stickinessTtl":"1h","maxAttempts":3,
     * "pacingInterval":"0s","pacingMode":"wait","pacingMaxWait":"30s","pacingMaxQueue":100,"manualApproval":false,
     * "approvalTimeout":"1m"}}.
     */
    public static JsonObject encode(PoolSettings settings) {
        return JsonIo.object()
                .add("strategy", settings.strategy().wireName())
                .add("stickinessTtl", HumanDuration.format(settings.stickinessTtl()))
                .add("maxAttempts", settings.maxAttempts())
                .add("pacingInterval", HumanDuration.format(settings.pacing().minInterval()))
                .add("pacingMode", settings.pacing().mode().wireName())
                .add("pacingMaxWait", HumanDuration.format(settings.pacing().maxWait()))
                .add("pacingMaxQueue", settings.pacing().maxQueue())
                .add("manualApproval", settings.approval().required())
                .add("approvalTimeout", HumanDuration.format(settings.approval().timeout()))
                .build();
    }

    /** A stored row that cannot be read (edited by hand, say) falls back to the defaults, loudly. */
    static PoolSettings decode(String json, PoolSettings defaults) {
        try {
            JsonObject stored = JsonIo.read(json).asJsonObject();
            UpstreamPacing pacing = defaults.pacing();
            ManualApproval approval = defaults.approval();
            pacing = new UpstreamPacing(
                    stored.containsKey("pacingInterval") ? HumanDuration.parse(stored.getString("pacingInterval")) : pacing.minInterval(),
                    stored.containsKey("pacingMode") ? UpstreamPacing.Mode.fromWireName(stored.getString("pacingMode")).orElseThrow() : pacing.mode(),
                    stored.containsKey("pacingMaxWait") ? HumanDuration.parse(stored.getString("pacingMaxWait")) : pacing.maxWait(),
                    stored.getInt("pacingMaxQueue", pacing.maxQueue()));
            approval = new ManualApproval(stored.getBoolean("manualApproval", approval.required()),
                    stored.containsKey("approvalTimeout") ? HumanDuration.parse(stored.getString("approvalTimeout")) : approval.timeout());
            return new PoolSettings(PoolStrategy.fromWireName(stored.getString("strategy")).orElseThrow(),
                    HumanDuration.parse(stored.getString("stickinessTtl")), stored.getInt("maxAttempts"), pacing, approval);
        } catch (RuntimeException unreadable) {
            LOG.warning("The stored pool settings cannot be read (" + unreadable.getClass().getSimpleName() + "); using the defaults");
            return defaults;
        }
    }
}
