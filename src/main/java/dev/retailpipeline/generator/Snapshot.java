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
 * version, no orders (see {@link RetailGenerator#snapshot}). Its rows are not held: row k of a table is entity k
 * as of the hour, made on its own when needed, so a snapshot of hundreds of thousands of rows is written in the
 * memory of the writer's buffer, and chunks of it can be made and serialized on several threads and joined.
 */
final class Snapshot {
    /** Customers or products serialized together by one worker in the parallel NDJSON path. */
    static final int CHUNK = 4096;

    private final Shop shop;
    private final long h;
    private final Batch views;

    Snapshot(Shop shop, BatchSpec spec) {
        this.shop = shop;
        this.h = spec.hour();
        if (h < shop.start) {
            views = Batch.empty(spec);
            return;
        }
        int stores = shop.stores.countAt(h);
        int customers = size(shop.customers.countAt(h), "customers");
        int products = size(shop.products.countAt(h), "products");
        Summary summary = new Summary(h, stores, customers, products, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
        views = Batch.ofViews(spec, new StoreRows(shop, stores), new CustomerRows(shop, h, customers),
                new ProductRows(shop, h, products), summary);
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
     * Writes the snapshot as NDJSON, exactly as {@link JsonBatchWriter#writeNdjson} writes {@link #materialize},
     * and flushes out. On one worker all of it is made on the caller's thread and streamed; on more, the _batch
     * line with the stores, chunks of {@value #CHUNK} customers or products, and the _summary line are made and
     * serialized on the workers and written to out in order. Either way memory is a few chunks at most, whatever
     * the snapshot's size.
     */
    void writeNdjson(OutputStream out, int workers) throws IOException {
        writeNdjson(out, workers, CHUNK);
    }

    /** writeNdjson in chunks of the given number of rows (with more than one worker). */
    void writeNdjson(OutputStream out, int workers, int chunk) throws IOException {
        if (workers < 1 || chunk < 1) {
            throw new IllegalArgumentException("workers and chunk must be at least 1, were " + workers + ", " + chunk);
        }
        Batch v = views;
        int customers = v.customers().size();
        int products = v.products().size();
        if (workers == 1) {
            try (JsonBatchWriter w = new JsonBatchWriter(out)) {
                w.batchLine(v);
                w.storeLines(v.stores());
                customerLines(w, 0, customers);
                productLines(w, 0, products);
                w.ndjsonEnd(v);
            }
            return;
        }
        long customerChunks = chunks(customers, chunk);
        long productChunks = chunks(products, chunk);
        long parts = 2 + customerChunks + productChunks;
        ParallelHours.Renderer renderer = (part, into) -> {
            try (JsonBatchWriter w = new JsonBatchWriter(into)) {
                if (part == 0) {
                    w.batchLine(v);
                    w.storeLines(v.stores());
                    into.rows = v.stores().size();
                } else if (part <= customerChunks) {
                    long from = (part - 1) * chunk;
                    long to = Math.min(customers, from + chunk);
                    customerLines(w, from, to);
                    into.rows = to - from;
                } else if (part <= customerChunks + productChunks) {
                    long from = (part - 1 - customerChunks) * chunk;
                    long to = Math.min(products, from + chunk);
                    productLines(w, from, to);
                    into.rows = to - from;
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

    private static long chunks(int rows, int chunk) {
        return ((long) rows + chunk - 1) / chunk;
    }

    /** The lines of customers from..to-1 (the hot loop: one monomorphic call per row). */
    private void customerLines(JsonBatchWriter w, long from, long to) throws IOException {
        Customers customers = shop.customers;
        for (long k = from; k < to; k++) {
            w.customerLine(customers.asOf(k, h));
        }
    }

    private void productLines(JsonBatchWriter w, long from, long to) throws IOException {
        Products products = shop.products;
        for (long k = from; k < to; k++) {
            w.productLine(products.asOf(k, h));
        }
    }

    /**
     * An unmodifiable list of rows made when read. Each table's list has its own get, so that the call to make a
     * row is monomorphic where it is hot.
     */
    private abstract static class Rows<T> extends AbstractList<T> implements RandomAccess {
        final int size;

        Rows(int size) {
            this.size = size;
        }

        @Override
        public final int size() {
            return size;
        }
    }

    private static final class StoreRows extends Rows<StoreRow> {
        private final Stores stores;

        StoreRows(Shop shop, int size) {
            super(size);
            this.stores = shop.stores;
        }

        @Override
        public StoreRow get(int index) {
            int k = Objects.checkIndex(index, size);
            return stores.row(k);
        }
    }

    private static final class CustomerRows extends Rows<CustomerRow> {
        private final Customers customers;
        private final long h;

        CustomerRows(Shop shop, long h, int size) {
            super(size);
            this.customers = shop.customers;
            this.h = h;
        }

        @Override
        public CustomerRow get(int index) {
            int k = Objects.checkIndex(index, size);
            return customers.asOf(k, h);
        }
    }

    private static final class ProductRows extends Rows<ProductRow> {
        private final Products products;
        private final long h;

        ProductRows(Shop shop, long h, int size) {
            super(size);
            this.products = shop.products;
            this.h = h;
        }

        @Override
        public ProductRow get(int index) {
            int k = Objects.checkIndex(index, size);
            return products.asOf(k, h);
        }
    }
}
