package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The shop's state at the end of an hour: every store, customer and product existing by then, each in its latest
 * version, no orders (see {@link RetailGenerator#snapshot}). Its rows are not held: the lists of {@link #views}
 * make row k when asked for it, each independently of the others (entity k as of the hour), so a writer streams a
 * snapshot of hundreds of thousands of rows in the memory of its buffer, and chunks of rows can be made and
 * serialized on several threads and concatenated.
 */
final class Snapshot {
    /** Rows of one table serialized together by one worker in the parallel NDJSON path. */
    static final int CHUNK = 4096;

    private final Batch views;

    Snapshot(Shop shop, BatchSpec spec) {
        long h = spec.hour();
        if (h < shop.start) {
            views = Batch.empty(spec);
            return;
        }
        int stores = shop.stores.countAt(h);
        int customers = size(shop.customers.countAt(h), "customers");
        int products = size(shop.products.countAt(h), "products");
        Summary summary = new Summary(h, stores, customers, products, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
        views = Batch.ofViews(spec,
                new Rows<>(stores, k -> shop.stores.row((int) k)),
                new Rows<>(customers, k -> shop.customers.asOf(k, h)),
                new Rows<>(products, k -> shop.products.asOf(k, h)),
                summary);
    }

    private static int size(long count, String what) {
        if (count > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a snapshot of " + count + " " + what + " is too large");
        }
        return (int) count;
    }

    /**
     * The snapshot as a batch whose lists make their rows when read: reading a row twice makes it twice. For the
     * writers, which read each row once.
     */
    Batch views() {
        return views;
    }

    /** The snapshot with all its rows made and held. */
    Batch materialize() {
        Batch v = views;
        return new Batch(v.spec(), v.stores(), v.customers(), v.products(), List.of(), List.of(), List.of(),
                List.of(), v.summary());
    }

    /**
     * Writes the snapshot as NDJSON, exactly as {@link JsonBatchWriter#writeNdjson} writes {@link #materialize}:
     * the _batch line and the stores, chunks of {@value #CHUNK} customers or products, then the _summary line, each
     * part made and serialized on one of the workers and written to out in order. Memory is a few chunks per
     * worker, whatever the snapshot's size. Flushes out at the end.
     */
    void writeNdjson(OutputStream out, int workers) throws IOException {
        writeNdjson(out, workers, CHUNK);
    }

    /** writeNdjson in chunks of the given number of rows. */
    void writeNdjson(OutputStream out, int workers, int chunk) throws IOException {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1 row, was " + chunk);
        }
        Batch v = views;
        int customerChunks = chunks(v.customers().size(), chunk);
        int productChunks = chunks(v.products().size(), chunk);
        long parts = 2L + customerChunks + productChunks;
        ParallelHours.Renderer renderer = (part, into) -> {
            try (JsonBatchWriter w = new JsonBatchWriter(into)) {
                if (part == 0) {
                    w.batchLine(v);
                    w.storeLines(v.stores());
                    into.rows = v.stores().size();
                } else if (part <= customerChunks) {
                    List<CustomerRow> rows = chunk(v.customers(), (int) part - 1, chunk);
                    w.customerLines(rows);
                    into.rows = rows.size();
                } else if (part <= customerChunks + productChunks) {
                    List<ProductRow> rows = chunk(v.products(), (int) part - 1 - customerChunks, chunk);
                    w.productLines(rows);
                    into.rows = rows.size();
                } else {
                    w.ndjsonEnd(v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not expected: the bytes go to memory
            }
        };
        try (ParallelHours parallel = new ParallelHours(0, parts - 1, (int) Math.min(workers, parts), renderer)) {
            for (long part = 0; part < parts; part++) {
                HourBytes bytes = parallel.next();
                bytes.writeTo(out);
                parallel.recycle(bytes);
            }
        }
        out.flush();
    }

    private static int chunks(int rows, int chunk) {
        return (int) (((long) rows + chunk - 1) / chunk);
    }

    private static <T> List<T> chunk(List<T> rows, int index, int chunk) {
        int from = (int) Math.min(rows.size(), (long) index * chunk);
        return rows.subList(from, (int) Math.min(rows.size(), (long) from + chunk));
    }

    /** Row k of a table, made anew on each call. */
    private interface Maker<T> {
        T make(long k);
    }

    /** An unmodifiable list of size rows whose element k is made when read. */
    private static final class Rows<T> extends AbstractList<T> implements RandomAccess {
        private final int size;
        private final Maker<T> maker;

        Rows(int size, Maker<T> maker) {
            this.size = size;
            this.maker = maker;
        }

        @Override
        public T get(int index) {
            return maker.make(Objects.checkIndex(index, size));
        }

        @Override
        public int size() {
            return size;
        }
    }
}
