package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic retail OLTP source: the batch of an hour is a pure function of (seed, hour, scale, dirty) and the
 * shop's opening hour; never of the wall clock. Thread-safe: each call works on its own builders; the shop models
 * (pools, catalog prices, lifecycle profiles) are cached per (seed, scale) and shared read-only.
 */
public final class RetailGenerator {
    private static final int CACHED_SHOPS = 8;

    private final GeneratorConfig config;
    private final Map<String, Shop> shops = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Shop> eldest) {
            return size() > CACHED_SHOPS;
        }
    };

    public RetailGenerator(GeneratorConfig config) {
        this.config = config;
    }

    Shop shop(long seed, double scale) {
        String key = seed + "/" + Double.doubleToLongBits(scale);
        synchronized (shops) {
            Shop shop = shops.get(key);
            if (shop == null) {
                shop = new Shop(seed, scale, config.startHour());
                shops.put(key, shop);
            }
            return shop;
        }
    }

    /** The batch of one hour, in memory. Hours before the opening hour give an empty batch. */
    public Batch generate(BatchSpec spec) {
        return new HourBuilder(shop(spec.seed(), spec.scale())).build(spec);
    }

    /**
     * The shop's state at the end of the spec's hour, as a batch of that hour: all stores, customers and products
     * existing by then in their latest version, no orders (dirty is ignored). For a warehouse whose history starts
     * after the shop opened.
     */
    public Batch snapshot(BatchSpec spec) {
        return new Snapshot(shop(spec.seed(), spec.scale()), spec).materialize();
    }

    /** Writes one hour in the given format; csvTable names the table for CSV (ignored otherwise). */
    public void writeHour(BatchSpec spec, Format format, String csvTable, OutputStream out) throws IOException {
        write(generate(spec), format, csvTable, out);
    }

    /**
     * Writes the snapshot of the spec's hour (see {@link #snapshot}) in the given format: exactly the bytes of
     * {@code snapshot(spec)} written by {@link #writeHour}'s writers, streamed as its rows are made (memory does not
     * grow with the snapshot). NDJSON is made on {@link GeneratorConfig#threads()} worker threads, chunk by chunk.
     */
    public void writeSnapshot(BatchSpec spec, Format format, String csvTable, OutputStream out) throws IOException {
        writeSnapshot(spec, format, csvTable, out, config.threads());
    }

    /** writeSnapshot on the given number of worker threads (1: all on the caller's thread). */
    void writeSnapshot(BatchSpec spec, Format format, String csvTable, OutputStream out, int threads)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Snapshot snapshot = new Snapshot(shop(spec.seed(), spec.scale()), spec);
        if (format == Format.NDJSON) {
            snapshot.writeNdjson(out, snapshot.views().rowCount() > Snapshot.CHUNK ? threads : 1);
        } else {
            write(snapshot.views(), format, csvTable, out);
        }
    }

    private static void write(Batch batch, Format format, String csvTable, OutputStream out) throws IOException {
        if (format == Format.CSV) {
            Tables.byName(csvTable);
        }
        switch (format) {
            case CSV -> new CsvBatchWriter().write(batch, csvTable, out);
            case JSON -> {
                try (JsonBatchWriter w = new JsonBatchWriter(out)) {
                    w.writeJson(batch);
                }
            }
            default -> {
                try (JsonBatchWriter w = new JsonBatchWriter(out)) {
                    w.writeNdjson(batch);
                }
            }
        }
    }

    /**
     * Streams the hours fromHour..toHourInclusive as NDJSON, hour by hour (flushed after each hour); the output is
     * exactly the concatenation of the single-hour NDJSON outputs. Hours are built and serialized in parallel on
     * {@link GeneratorConfig#threads()} worker threads and written here in hour order; memory does not grow with
     * the range. If out fails, its IOException ends the call and the workers stop.
     */
    public void writeRange(long seed, long fromHour, long toHourInclusive, double scale, double dirty,
                           OutputStream out) throws IOException {
        streamRange(seed, fromHour, toHourInclusive, scale, dirty, out);
    }

    /** writeRange, returning the number of source rows written (rows of the six tables). */
    long streamRange(long seed, long fromHour, long toHourInclusive, double scale, double dirty, OutputStream out)
            throws IOException {
        return streamRange(seed, fromHour, toHourInclusive, scale, dirty, out, config.threads());
    }

    /** writeRange on the given number of worker threads (1: all on the caller's thread). */
    long streamRange(long seed, long fromHour, long toHourInclusive, double scale, double dirty, OutputStream out,
                     int threads) throws IOException {
        new BatchSpec(seed, fromHour, scale, dirty); // validates
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Shop shop = shop(seed, scale);
        long rows = 0;
        long hours = toHourInclusive - fromHour + 1;
        if (threads == 1 || hours <= 1) {
            HourBuilder builder = new HourBuilder(shop);
            try (JsonBatchWriter w = new JsonBatchWriter(out)) {
                for (long h = fromHour; h <= toHourInclusive; h++) {
                    Batch batch = builder.build(new BatchSpec(seed, h, scale, dirty));
                    w.writeNdjson(batch);
                    rows += batch.rowCount();
                }
            }
            return rows;
        }
        int workers = (int) Math.min(threads, hours);
        ThreadLocal<HourBuilder> builders = ThreadLocal.withInitial(() -> new HourBuilder(shop));
        ParallelHours.Renderer renderer = (h, into) -> {
            Batch batch = builders.get().build(new BatchSpec(seed, h, scale, dirty));
            try (JsonBatchWriter w = new JsonBatchWriter(into)) {
                w.writeNdjson(batch);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not expected: the bytes go to memory
            }
            into.rows = batch.rowCount();
        };
        try (ParallelHours parallel = new ParallelHours(fromHour, toHourInclusive, workers, renderer)) {
            for (long h = fromHour; h <= toHourInclusive; h++) {
                HourBytes hour = parallel.next();
                hour.writeTo(out);
                out.flush();
                rows += hour.rows;
                parallel.recycle(hour);
            }
        }
        return rows;
    }

    /** A customer (by customer_id) as of an hour: its latest version at that hour, or null if not signed up. */
    public CustomerRow customerAsOf(long seed, double scale, long customerId, long hour) {
        return shop(seed, scale).customers.asOf(customerId - 1, hour);
    }

    /** A product (by product_id) as of an hour: its latest version at that hour, or null if not created yet. */
    public ProductRow productAsOf(long seed, double scale, long productId, long hour) {
        return shop(seed, scale).products.asOf(productId - 1, hour);
    }

    /** The six source tables in load order: stores, customers, products, orders, order_items, payments. */
    public static List<String> tableNames() {
        return Tables.names();
    }

    /**
     * The source model, machine-readable: {"load_order": [...], "tables": {name: {"key": column, "columns":
     * [{"name", "type", "nullable"}, ...]}}} with types bigint, integer, varchar, decimal(12,2), boolean,
     * timestamp.
     */
    public static Map<String, Object> schema() {
        return Tables.schema();
    }
}
