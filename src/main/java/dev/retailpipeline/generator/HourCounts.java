package dev.retailpipeline.generator;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A thread-safe direct-mapped cache of orders per hour, shared by all calls on one shop: a range, or many
 * single-hour requests, look back over the same few hundred hours for lifecycle transitions. A slot packs
 * (hour << 20 | count); counts are below 2^20.
 */
final class HourCounts {
    private static final int SLOTS = 4096;
    private static final long EMPTY = -1;
    private final Shop shop;
    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);

    HourCounts(Shop shop) {
        this.shop = shop;
        for (int i = 0; i < SLOTS; i++) {
            slots.set(i, EMPTY);
        }
    }

    int get(long h) {
        if (h < 0) {
            return shop.orderCount(h);
        }
        int slot = (int) (h & (SLOTS - 1));
        long packed = slots.get(slot);
        if (packed != EMPTY && (packed >>> 20) == h) {
            return (int) (packed & 0xFFFFF);
        }
        int count = shop.orderCount(h);
        slots.set(slot, (h << 20) | count);
        return count;
    }
}
