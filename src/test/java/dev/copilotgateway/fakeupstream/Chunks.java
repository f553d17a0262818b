package dev.copilotgateway.fakeupstream;

import java.util.ArrayList;
import java.util.List;

/** Splits text into streaming pieces. */
final class Chunks {

    private Chunks() {
    }

    /**
     * Splits {@code text} into {@code parts} non-empty pieces of near-equal length (fewer when the text is shorter),
     * never inside a surrogate pair. Empty text gives no pieces.
     */
    static List<String> split(String text, int parts) {
        int codePoints = text.codePointCount(0, text.length());
        int count = Math.min(parts, codePoints);
        List<String> pieces = new ArrayList<>(count);
        int start = 0;
        for (int i = 0; i < count; i++) {
            int size = codePoints / count + (i < codePoints % count ? 1 : 0);
            int end = text.offsetByCodePoints(start, size);
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
