package dev.retailpipeline.generator;

/** A direct-mapped cache of orders per hour for one generation call (not thread-safe). */
final class HourCounts {
    private static final int SLOTS = 1024;
    private final Shop shop;
    private final long[] hours = new long[SLOTS];
    private final int[] counts = new int[SLOTS];

    HourCounts(Shop shop) {
        this.shop = shop;
        java.util.Arrays.fill(hours, Long.MIN_VALUE);
    }

    int get(long h) {
        int slot = (int) (h & (SLOTS - 1));
        if (hours[slot] != h) {
            hours[slot] = h;
            counts[slot] = shop.orderCount(h);
        }
        return counts[slot];
    }
}
