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
 * every node of a cluster applies the same ones. No row means {@link PoolSettings#DEFAULT}.
 */
public final class PoolSettingsStore {

    static final String NAME = "pool";
    private static final Logger LOG = Logger.getLogger(PoolSettingsStore.class.getName());

    private final DatabaseConnector databases;
    private final Clock clock;

    public PoolSettingsStore(DatabaseConnector databases, Clock clock) {
        this.databases = databases;
        this.clock = clock;
    }

    public PoolSettings read() {
        return databases.require().inTransaction(entityManager -> new GatewaySettingRepository(entityManager).find(NAME))
                .map(PoolSettingsStore::decode)
                .orElse(PoolSettings.DEFAULT);
    }

    public void write(PoolSettings settings) {
        String json = encode(settings).toString();
        databases.require().runInTransaction(entityManager -> new GatewaySettingRepository(entityManager).put(NAME, json, clock.instant()));
        LOG.info("Pool settings changed: " + json);
    }

    /** The shape the admin API shows: {@code {"strategy":"round-robin","stickinessTtl":"1h","maxAttempts":3}}. */
    public static JsonObject encode(PoolSettings settings) {
        return JsonIo.object()
                .add("strategy", settings.strategy().wireName())
                .add("stickinessTtl", HumanDuration.format(settings.stickinessTtl()))
                .add("maxAttempts", settings.maxAttempts())
                .build();
    }

    /** A stored row that cannot be read (edited by hand, say) falls back to the defaults, loudly. */
    static PoolSettings decode(String json) {
        try {
            JsonObject stored = JsonIo.read(json).asJsonObject();
            return new PoolSettings(PoolStrategy.fromWireName(stored.getString("strategy")).orElseThrow(),
                    HumanDuration.parse(stored.getString("stickinessTtl")), stored.getInt("maxAttempts"));
        } catch (RuntimeException unreadable) {
            LOG.warning("The stored pool settings cannot be read (" + unreadable.getClass().getSimpleName() + "); using the defaults");
            return PoolSettings.DEFAULT;
        }
    }
}
