package dev.copilotgateway.approval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An admin's answer to a waiting request. */
public enum Decision {
    APPROVE("approved"), DENY("denied");

    private final String stored;

    Decision(String stored) {
        this.stored = stored;
    }

    /** {@code approve} or {@code deny}, as the admin API takes it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the {@code pending_approval.decision} column holds. */
    String stored() {
        return stored;
    }

    public static Optional<Decision> fromWireName(String name) {
        return Arrays.stream(values()).filter(decision -> decision.wireName().equals(name)).findFirst();
    }
}
