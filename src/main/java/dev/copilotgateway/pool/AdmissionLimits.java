package dev.copilotgateway.pool;

/** Most upstream requests open at once on this node, and per account on this node; 0 means no limit. */
public record AdmissionLimits(int perNode, int perAccount) {

    public static final AdmissionLimits NONE = new AdmissionLimits(0, 0);

    static boolean within(int limit, int count) {
        return limit == 0 || count < limit;
    }
}
