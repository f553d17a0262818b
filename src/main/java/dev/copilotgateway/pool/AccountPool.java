package dev.copilotgateway.pool;

import dev.copilotgateway.metrics.GatewayMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Chooses the accounts that may serve a request, in the order to try them, and keeps each account's live state on
 * this node (in flight, cooldown, last error, recent requests, premium quota). Everything here is in memory: no
 * database round trip per request; the accounts and settings come from {@link PoolState}.
 *
 * <p>Candidates are the usable accounts whose catalogue lists the model, minus those cooling down after a 429 (and,
 * under {@code quota-aware}, those without premium requests left for a premium model). The strategy orders them; a
 * conversation seen within the stickiness time goes first to the account that served it. A key bound to one account
 * only ever gets that account. Admission limits (per node, per account) refuse the excess at once instead of queueing it.
 */
public final class AccountPool {

    /** More simultaneous conversations than this are not kept sticky (a bound on memory, ~100 bytes each). */
    static final int MAX_STICKY_CONVERSATIONS = 200_000;

    /** The accounts to try, in order, at most {@code maxAttempts}. */
    public record Attempts(List<Long> accounts, boolean bound) {
    }

    private final PoolState state;
    private final ModelAvailability models;
    private final Clock clock;
    private final RandomGenerator random;
    private final AdmissionLimits limits;
    private final AtomicInteger nodeInFlight = new AtomicInteger();
    private final Map<Long, AccountHealth> health = new ConcurrentHashMap<>();
    private final StickyConversations sticky = new StickyConversations(MAX_STICKY_CONVERSATIONS);
    private final AtomicLong nextStart = new AtomicLong();

    public AccountPool(PoolState state, ModelAvailability models, Clock clock, RandomGenerator random, AdmissionLimits limits) {
        this.state = state;
        this.models = models;
        this.clock = clock;
        this.random = random;
        this.limits = limits;
    }

    /**
     * The accounts to try for {@code request}.
     *
     * @throws NoAccountException     when no usable account can serve it
     * @throws PoolThrottledException when every account that could serve it is cooling down (or out of premium quota)
     * @throws OverloadedException    when the node, or every account that could serve it, is at its admission limit
     */
    public Attempts choose(PoolRequest request) {
        Optional<OverloadedException> full = nodeLimitRefusal();
        if (full.isPresent()) {
            throw full.get();
        }
        PoolState.Snapshot snapshot = state.current();
        Instant now = clock.instant();
        if (request.boundAccountId() != null) {
            return new Attempts(List.of(bound(request.boundAccountId(), snapshot, now)), true);
        }
        List<PoolAccount> offering = snapshot.accounts().stream()
                .filter(account -> request.modelId() == null || models.offers(account.id(), request.modelId()))
                .toList();
        if (offering.isEmpty()) {
            throw new NoAccountException(snapshot.accounts().isEmpty()
                    ? "No usable GitHub Copilot account is configured: add one with the github-token setting or through POST /admin/api/accounts"
                    : "No usable GitHub Copilot account offers the model '" + request.modelId() + "'");
        }
        PoolSettings settings = snapshot.settings();
        List<PoolAccount> withQuota = offering;
        if (settings.strategy() == PoolStrategy.QUOTA_AWARE && request.premiumMultiplier() > 0) {
            withQuota = offering.stream().filter(account -> hasQuota(account.id(), request.premiumMultiplier())).toList();
            if (withQuota.isEmpty()) {
                throw new PoolThrottledException("Every account that offers '" + request.modelId()
                        + "' has used up its premium requests for this month", null);
            }
        }
        List<PoolAccount> ready = new ArrayList<>();
        Instant soonest = null;
        for (PoolAccount account : withQuota) {
            Instant coolingUntil = healthOf(account.id()).coolingUntil(now);
            if (coolingUntil == null) {
                ready.add(account);
            } else if (soonest == null || coolingUntil.isBefore(soonest)) {
                soonest = coolingUntil;
            }
        }
        if (ready.isEmpty()) {
            throw new PoolThrottledException("Every GitHub Copilot account that can serve this request is being rate limited by GitHub; "
                    + "try again later", Duration.between(now, soonest));
        }
        ready = ready.stream().filter(account -> hasRoom(account.id())).toList();
        if (ready.isEmpty()) {
            throw accountsFull();
        }
        List<Long> ordered = stickyFirst(request, settings, ready, now);
        return new Attempts(ordered.subList(0, Math.min(settings.maxAttempts(), ordered.size())), false);
    }

    private long bound(long accountId, PoolState.Snapshot snapshot, Instant now) {
        if (snapshot.accounts().stream().noneMatch(account -> account.id() == accountId)) {
            throw new NoAccountException("The GitHub account this API key is bound to is disabled or needs to be signed in again");
        }
        Instant coolingUntil = healthOf(accountId).coolingUntil(now);
        if (coolingUntil != null) {
            throw new PoolThrottledException("The GitHub Copilot account this API key is bound to is being rate limited by GitHub; "
                    + "try again later", Duration.between(now, coolingUntil));
        }
        if (!hasRoom(accountId)) {
            throw accountsFull();
        }
        return accountId;
    }

    private boolean hasRoom(long accountId) {
        return AdmissionLimits.within(limits.perAccount(), healthOf(accountId).inFlight());
    }

    /**
     * The refusal a new request gets while this node serves its limit of upstream requests, known before any of the
     * request is read (the API sheds such requests first thing); empty while there is room.
     */
    public Optional<OverloadedException> nodeLimitRefusal() {
        return AdmissionLimits.within(limits.perNode(), nodeInFlight.get()) ? Optional.empty() : Optional.of(nodeFull());
    }

    /** Why {@link #tryStart} said no: the node's limit, or the account's. */
    public OverloadedException refusal() {
        return AdmissionLimits.within(limits.perNode(), nodeInFlight.get()) ? accountsFull() : nodeFull();
    }

    private OverloadedException nodeFull() {
        return new OverloadedException("This gateway node is serving its limit of " + limits.perNode()
                + " requests at once (max-concurrent-requests); try again shortly", GatewayMeters.LIMIT_NODE_CONCURRENCY);
    }

    private OverloadedException accountsFull() {
        return new OverloadedException("Every GitHub Copilot account that can serve this request is serving its limit of "
                + limits.perAccount() + " requests at once on this node (max-concurrent-requests-per-account); try again shortly",
                GatewayMeters.LIMIT_ACCOUNT_CONCURRENCY);
    }

    private List<Long> stickyFirst(PoolRequest request, PoolSettings settings, List<PoolAccount> ready, Instant now) {
        if (settings.sticky() && request.conversationKey() != null) {
            Long previous = sticky.account(request.conversationKey(), now);
            if (previous != null && ready.stream().anyMatch(account -> account.id() == previous)) {
                List<Long> ordered = new ArrayList<>(List.of(previous));
                // the rest keep the strategy's order without moving round-robin on: this was not a new choice
                orderByStrategy(settings.strategy(), ready, false).stream().filter(id -> !id.equals(previous)).forEach(ordered::add);
                return ordered;
            }
        }
        return orderByStrategy(settings.strategy(), ready, true);
    }

    private List<Long> orderByStrategy(PoolStrategy strategy, List<PoolAccount> ready, boolean advance) {
        return switch (strategy) {
            case PRIORITY -> ready.stream().map(PoolAccount::id).toList(); // the snapshot is by priority, then id
            case WEIGHTED -> weightedOrder(ready);
            case LEAST_IN_FLIGHT -> {
                List<Long> rotated = new ArrayList<>(rotated(ready, advance));
                rotated.sort(Comparator.comparingInt(id -> healthOf(id).inFlight())); // stable: ties stay rotated
                yield rotated;
            }
            case ROUND_ROBIN, QUOTA_AWARE -> rotated(ready, advance);
        };
    }

    private List<Long> rotated(List<PoolAccount> ready, boolean advance) {
        List<Long> ids = new ArrayList<>(ready.stream().map(PoolAccount::id).toList());
        long start = advance ? nextStart.getAndIncrement() : nextStart.get();
        Collections.rotate(ids, -(int) Math.floorMod(start, (long) ids.size()));
        return ids;
    }

    /** A weighted draw without replacement: the first by weight among all, the next by weight among the rest ... */
    private List<Long> weightedOrder(List<PoolAccount> ready) {
        List<PoolAccount> left = new ArrayList<>(ready);
        List<Long> ordered = new ArrayList<>(ready.size());
        while (!left.isEmpty()) {
            long total = left.stream().mapToLong(PoolAccount::weight).sum();
            long draw = random.nextLong(total);
            int index = 0;
            while (draw >= left.get(index).weight()) {
                draw -= left.get(index).weight();
                index++;
            }
            ordered.add(left.remove(index).id());
        }
        return ordered;
    }

    private boolean hasQuota(long accountId, double multiplier) {
        PremiumQuota quota = healthOf(accountId).quota();
        return quota == null || quota.allows(multiplier);
    }

    // ---- what happened to an attempt

    /**
     * A request to {@code accountId} is about to be sent: counted in flight, unless that would pass the node's or the
     * account's admission limit (then false, and nothing is counted). Each true must be followed by one {@link #finished}.
     */
    public boolean tryStart(long accountId) {
        int before = nodeInFlight.getAndUpdate(count -> AdmissionLimits.within(limits.perNode(), count) ? count + 1 : count);
        if (!AdmissionLimits.within(limits.perNode(), before)) {
            return false;
        }
        if (!healthOf(accountId).tryStart(limits.perAccount(), clock.instant())) {
            nodeInFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** The request to {@code accountId} is over (its whole answer read, its stream ended, or it failed). */
    public void finished(long accountId) {
        healthOf(accountId).finished();
        nodeInFlight.decrementAndGet();
    }

    /** The pool settings in force on this node now. */
    public PoolSettings settings() {
        return state.current().settings();
    }

    /** Upstream requests open on this node now. */
    public int inFlight() {
        return nodeInFlight.get();
    }

    /** {@code accountId} answered: its conversation stays there, and a throttling streak is over. */
    public void answered(long accountId, PoolRequest request) {
        healthOf(accountId).succeeded();
        PoolSettings settings = state.current().settings();
        if (request.boundAccountId() == null && request.conversationKey() != null && settings.sticky()) {
            sticky.served(request.conversationKey(), accountId, clock.instant(), settings.stickinessTtl());
        }
    }

    /** GitHub throttled {@code accountId} (429): it rests for {@code retryAfter}, or an exponential back-off if null. */
    public Instant throttled(long accountId, Duration retryAfter, String error) {
        return healthOf(accountId).throttled(clock.instant(), retryAfter, error);
    }

    /** {@code accountId} failed to serve (connection, token, 5xx): remembered for the admin view. */
    public void failed(long accountId, String error) {
        healthOf(accountId).failed(clock.instant(), error);
    }

    /** GitHub told us the account's premium quota (or Copilot said it is used up). */
    public void quota(long accountId, PremiumQuota quota) {
        healthOf(accountId).quota(quota);
    }

    public LiveState liveState(long accountId) {
        return Optional.ofNullable(health.get(accountId)).map(known -> known.state(clock.instant()))
                .orElseGet(() -> new LiveState(0, null, null, null, 0, null));
    }

    /** Forgets a removed account's live state. */
    public void forget(long accountId) {
        health.remove(accountId);
    }

    private AccountHealth healthOf(long accountId) {
        return health.computeIfAbsent(accountId, id -> new AccountHealth());
    }
}
