package dev.copilotgateway.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/** Usage records within the caller's transaction: inserted in JDBC batches, listed newest first, summed, purged. */
public final class UsageRecordRepository {

    /** Which records: each non-null field narrows; {@code from} inclusive, {@code to} exclusive; {@code model} the requested or Copilot's. */
    public record Filter(Long keyId, Long accountId, String model, Instant from, Instant to) {

        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    /** Where a page starts: the records strictly older than this one (newest first is by time, then id). */
    public record Position(Instant createdAt, long id) {
    }

    /** What the sums are grouped by. */
    public enum GroupBy {
        KEY("r.apiKeyId"), ACCOUNT("r.accountId"), MODEL("r.model"), DAY("r.usageDay");

        private final String path;

        GroupBy(String path) {
            this.path = path;
        }
    }

    /** One group's sums; {@code group} is a key or account id (Long), a model (String) or a UTC day (LocalDate), or null. */
    public record Sums(Object group, long requests, long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens,
                       double premiumRequests) {
    }

    private static final String INSERT = "INSERT INTO usage_record (created_at, api_key_id, account_id, ingress_protocol,"
            + " upstream_endpoint, model, upstream_model, streamed, status_code, input_tokens, output_tokens, cached_tokens,"
            + " reasoning_tokens, premium_requests, duration_ms, ttfb_ms, error_type, usage_day, debug_request, debug_response)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final EntityManager entityManager;

    public UsageRecordRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Inserts {@code records} as one JDBC batch. */
    public void insertAll(List<NewUsageRecord> records) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (NewUsageRecord record : records) {
                    bind(insert, record);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static void bind(PreparedStatement insert, NewUsageRecord r) throws SQLException {
        OffsetDateTime created = r.createdAt().atOffset(ZoneOffset.UTC);
        insert.setObject(1, created);
        setLong(insert, 2, r.apiKeyId());
        setLong(insert, 3, r.accountId());
        insert.setString(4, r.ingress());
        insert.setString(5, r.endpoint());
        insert.setString(6, cut(r.model(), 200));
        insert.setString(7, cut(r.upstreamModel(), 200));
        insert.setBoolean(8, r.streamed());
        insert.setInt(9, r.status());
        insert.setLong(10, r.inputTokens());
        insert.setLong(11, r.outputTokens());
        insert.setLong(12, r.cachedTokens());
        insert.setLong(13, r.reasoningTokens());
        insert.setDouble(14, r.premiumRequests());
        insert.setLong(15, r.durationMs());
        setLong(insert, 16, r.ttfbMs());
        insert.setString(17, cut(r.errorType(), 50));
        insert.setObject(18, created.toLocalDate());
        insert.setString(19, cut(r.debugRequest(), 8000));
        insert.setString(20, cut(r.debugResponse(), 8000));
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    /** Up to {@code limit} records matching {@code filter}, newest first, older than {@code after} when given. */
    public List<UsageRecord> find(Filter filter, Position after, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = where(filter, parameters);
        if (after != null) {
            where.append(" and (r.createdAt < :afterTime or (r.createdAt = :afterTime and r.id < :afterId))");
            parameters.put("afterTime", after.createdAt());
            parameters.put("afterId", after.id());
        }
        TypedQuery<UsageRecord> query = entityManager.createQuery("select r from UsageRecord r" + where
                + " order by r.createdAt desc, r.id desc", UsageRecord.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /** The sums of the records matching {@code filter}, one per group, in the group's order. */
    public List<Sums> sums(GroupBy groupBy, Filter filter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = where(filter, parameters);
        TypedQuery<Object[]> query = entityManager.createQuery("select " + groupBy.path + ", count(r), coalesce(sum(r.inputTokens), 0),"
                + " coalesce(sum(r.outputTokens), 0), coalesce(sum(r.cachedTokens), 0), coalesce(sum(r.reasoningTokens), 0),"
                + " coalesce(sum(r.premiumRequests), 0.0) from UsageRecord r" + where
                + " group by " + groupBy.path + " order by " + groupBy.path, Object[].class);
        parameters.forEach(query::setParameter);
        List<Sums> sums = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            sums.add(new Sums(row[0], number(row[1]), number(row[2]), number(row[3]), number(row[4]), number(row[5]),
                    ((Number) row[6]).doubleValue()));
        }
        return sums;
    }

    /** Deletes up to {@code batch} records created before {@code cutoff}, oldest first; how many it deleted. */
    public int deleteOlderThan(Instant cutoff, int batch) {
        List<Long> ids = entityManager.createQuery("select r.id from UsageRecord r where r.createdAt < :cutoff order by r.id", Long.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(batch)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return entityManager.createQuery("delete from UsageRecord r where r.id in :ids").setParameter("ids", ids).executeUpdate();
    }

    private static StringBuilder where(Filter filter, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (filter.keyId() != null) {
            where.append(" and r.apiKeyId = :keyId");
            parameters.put("keyId", filter.keyId());
        }
        if (filter.accountId() != null) {
            where.append(" and r.accountId = :accountId");
            parameters.put("accountId", filter.accountId());
        }
        if (filter.model() != null) {
            where.append(" and (r.model = :model or r.upstreamModel = :model)");
            parameters.put("model", filter.model());
        }
        if (filter.from() != null) {
            where.append(" and r.createdAt >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and r.createdAt < :to");
            parameters.put("to", filter.to());
        }
        return where;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
