package dev.copilotgateway.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart drawn by the page as plain SVG (no script, no CDN, no inline style: the console's CSP allows SVG
 * attributes): one bar per label, its length in proportion to the largest value. Two series per bar (input and output
 * tokens) are stacked. Public for the page's EL.
 *
 * @param bars   in the order given
 * @param width  the drawing's width in SVG units
 * @param height the drawing's height in SVG units
 */
public record UsageChart(List<Bar> bars, int width, int height) {

    /** Each bar's row height (horizontal charts) or column width (vertical ones), in SVG units. */
    static final int STEP = 22;
    static final int LABEL = 170;
    static final int PLOT = 420;

    /**
     * One bar: its label, the two stacked values and the drawing's coordinates for each part, and a caption for the
     * tooltip and screen readers.
     */
    public record Bar(String label, long first, long second, long requests, int y, int firstLength, int secondLength, int textX) {

        public long total() {
            return first + second;
        }
    }

    /** One labelled pair of values and a request count, before drawing. */
    record Point(String label, long first, long second, long requests) {
    }

    /** A horizontal chart: labels on the left, bars to the right, the largest total filling {@link #PLOT}. */
    static UsageChart horizontal(List<Point> points) {
        long largest = points.stream().mapToLong(point -> point.first() + point.second()).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        for (Point point : points) {
            int first = scaled(point.first(), largest);
            int second = scaled(point.second(), largest);
            bars.add(new Bar(point.label(), point.first(), point.second(), point.requests(), y, first, second, LABEL + first + second + 6));
            y += STEP;
        }
        return new UsageChart(bars, LABEL + PLOT + 160, Math.max(y, STEP));
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    /** x of the plot's start, for the page. */
    public int plotX() {
        return LABEL;
    }

    private static int scaled(long value, long largest) {
        if (largest <= 0 || value <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round((double) value * PLOT / largest));
    }
}
