package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.retailpipeline.time.HourRange;

/**
 * The snapshot, streamed and made in parallel chunks, is byte for byte the snapshot of the old algorithm (every row
 * built into lists with the old Customers.asOf and Products.asOf, kept in {@link SnapshotReference}), in every
 * format, on any number of threads and in chunks of any size; and a large one streams within a small heap.
 */
class SnapshotTest {
    private static final List<String> TABLES = List.of("stores", "customers", "products", "orders");

    private static byte[] ndjson(Batch b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonBatchWriter w = new JsonBatchWriter(out)) {
            w.writeNdjson(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] json(Batch b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonBatchWriter w = new JsonBatchWriter(out)) {
            w.writeJson(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] csv(Batch b, String table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CsvBatchWriter().write(b, table, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] written(RetailGenerator generator, BatchSpec spec, Format format, String table,
                                  int threads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            generator.writeSnapshot(spec, format, table, out, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every way of writing the snapshot of spec gives the reference's bytes; returns the NDJSON's length. */
    private static int assertSameAsReference(RetailGenerator generator, BatchSpec spec) {
        Batch reference = SnapshotReference.snapshot(generator, spec);
        byte[] expected = ndjson(reference);
        String what = spec.toString();
        for (int threads : new int[]{1, 3}) {
            assertArrayEquals(expected, written(generator, spec, Format.NDJSON, null, threads),
                    what + " as NDJSON on " + threads + " threads");
        }
        ByteArrayOutputStream viaPublicApi = new ByteArrayOutputStream();
        try {
            generator.writeSnapshot(spec, Format.NDJSON, null, viaPublicApi);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertArrayEquals(expected, viaPublicApi.toByteArray(), what + " through writeSnapshot");
        assertArrayEquals(json(reference), written(generator, spec, Format.JSON, null, 2), what + " as JSON");
        for (String table : TABLES) {
            assertArrayEquals(csv(reference, table), written(generator, spec, Format.CSV, table, 2),
                    what + " as CSV of " + table);
        }
        Batch made = generator.snapshot(spec);
        assertEquals(reference.stores(), made.stores(), what);
        assertEquals(reference.customers(), made.customers(), what);
        assertEquals(reference.products(), made.products(), what);
        assertEquals(reference.summary(), made.summary(), what);
        assertEquals(reference.rowCount(), made.rowCount(), what);
        assertArrayEquals(expected, ndjson(made), what + " materialized");
        return expected.length;
    }

    @Test
    void theSnapshotIsTheOldAlgorithmsByteForByte() {
        long[] hours = {START - 1, START, START + 1, START + 37, START + 24 * 45 + 5, START + 24 * 400 + 23};
        int compared = 0;
        for (long seed : new long[]{42, -9}) {
            for (double scale : new double[]{0.3, 1.5}) {
                for (long h : hours) {
                    int bytes = assertSameAsReference(GENERATOR, new BatchSpec(seed, h, scale, 0));
                    if (h >= START + 24 * 400) {
                        assertTrue(bytes > (scale > 1 ? 5_000_000 : 1_000_000), "a real snapshot: " + bytes);
                    }
                    compared++;
                }
            }
        }
        // dirty is ignored
        assertSameAsReference(GENERATOR, new BatchSpec(5, START + 24 * 20, 1, 0.3));
        assertEquals(24, compared);
    }

    @Test
    void theSnapshotOfTheBriefsHourIsTheOldAlgorithmsToo() {
        // the shop of the benchmark (opened 2025-01-01T00), at the hour of the benchmark, at a smaller scale
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(HourRange.parseHour("2025-01-01T00"), 2));
        int bytes = assertSameAsReference(generator, new BatchSpec(42, HourRange.parseHour("2026-09-30T23"), 2, 0));
        assertTrue(bytes > 10_000_000, "a real snapshot: " + bytes);
    }

    @Test
    void chunksOfAnySizeJoinUpToTheSameBytes() throws IOException {
        BatchSpec spec = new BatchSpec(11, START + 24 * 30 + 7, 1, 0);
        Shop shop = GENERATOR.shop(spec.seed(), spec.scale());
        Snapshot snapshot = new Snapshot(shop, spec);
        byte[] expected = ndjson(SnapshotReference.snapshot(GENERATOR, spec));
        int customers = snapshot.views().customers().size();
        int products = snapshot.views().products().size();
        assertTrue(customers > 2000 && products > 800, customers + " customers, " + products + " products");
        for (int chunk : new int[]{1, 7, products, customers + 1, Integer.MAX_VALUE}) {
            for (int workers : new int[]{1, 3}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                snapshot.writeNdjson(out, workers, chunk);
                assertArrayEquals(expected, out.toByteArray(), "chunks of " + chunk + " on " + workers);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> snapshot.writeNdjson(OutputStream.nullOutputStream(), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> GENERATOR.writeSnapshot(spec, Format.NDJSON, null,
                OutputStream.nullOutputStream(), 0));
    }

    @Test
    void itsRowsAreTheEntitiesAsOfTheHourAndItsListsMakeThemOnDemand() {
        long h = START + 24 * 90 + 13;
        BatchSpec spec = new BatchSpec(3, h, 2, 0);
        Batch views = new Snapshot(GENERATOR.shop(3, 2), spec).views();
        List<CustomerRow> customers = views.customers();
        for (int k = 0; k < customers.size(); k += 97) {
            assertEquals(GENERATOR.customerAsOf(3, 2, k + 1, h), customers.get(k));
        }
        assertEquals(GENERATOR.customerAsOf(3, 2, customers.size(), h), customers.get(customers.size() - 1));
        assertNull(GENERATOR.customerAsOf(3, 2, customers.size() + 1, h), "nobody past the last one");
        List<ProductRow> products = views.products();
        for (int k = 0; k < products.size(); k++) {
            assertEquals(GENERATOR.productAsOf(3, 2, k + 1, h), products.get(k));
        }
        assertNull(GENERATOR.productAsOf(3, 2, products.size() + 1, h));
        assertThrows(IndexOutOfBoundsException.class, () -> customers.get(customers.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> customers.get(-1));
        assertThrows(UnsupportedOperationException.class, () -> customers.set(0, customers.get(0)));
    }

    @Test
    void everyCustomerAndProductIsAsTheOldAsOfMadeIt() {
        // a shop open for almost two years at scale 10: customers with up to a dozen changes, and the one customer
        // (of seed 42) whose new e-mail address was the one it had, so it got a 1 in front
        long start = HourRange.parseHour("2025-01-01T00");
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(start, 1));
        long end = HourRange.parseHour("2026-09-30T23");
        long compared = 0;
        for (long seed : new long[]{42, 7}) {
            Shop shop = generator.shop(seed, 10);
            SnapshotReference.OldCustomers oldCustomers =
                    new SnapshotReference.OldCustomers(seed, start, 10, shop.pools);
            SnapshotReference.OldProducts oldProducts = new SnapshotReference.OldProducts(seed, start);
            for (long h : new long[]{start, start + 1, start + 24 * 100 + 5, end - 24 * 200, end}) {
                for (long k = 0; k <= shop.customers.countAt(h); k += 29) {
                    assertEquals(oldCustomers.asOf(k, h), shop.customers.asOf(k, h), "customer index " + k);
                    compared++;
                }
                for (long k = 0; k <= shop.products.countAt(h); k += 3) {
                    assertEquals(oldProducts.asOf(k, h), shop.products.asOf(k, h), "product index " + k);
                    compared++;
                }
            }
        }
        assertTrue(compared > 30_000, "compared " + compared);
        Shop shop = generator.shop(42, 10);
        SnapshotReference.OldCustomers oldCustomers = new SnapshotReference.OldCustomers(42, start, 10, shop.pools);
        CustomerRow same = shop.customers.asOf(28431, end);
        assertTrue(same.email().startsWith("1"), same.toString());
        for (long h = start; h <= end; h += 24) {
            assertEquals(oldCustomers.asOf(28431, h), shop.customers.asOf(28431, h), "at " + HourRange.formatHour(h));
        }
    }

    /** The generator's worker threads alive now. */
    private static Set<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(ParallelHours.THREAD_PREFIX) && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void aReaderThatGoesAwayStopsTheWorkersWithItsError() {
        Set<Thread> before = workers();
        OutputStream failing = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 300_000) {
                    throw new IOException("client went away");
                }
            }
        };
        BatchSpec spec = new BatchSpec(6, START + 24 * 200, 3, 0);
        for (int threads : new int[]{1, 3}) {
            IOException e = assertThrows(IOException.class,
                    () -> GENERATOR.writeSnapshot(spec, Format.NDJSON, null, failing, threads));
            assertEquals("client went away", e.getMessage());
        }
        Set<Thread> now = workers();
        now.removeAll(before);
        assertTrue(now.isEmpty(), "worker threads left running: " + now);
    }

    /**
     * Entry point of the child JVM: the benchmark's snapshot (scale 10 at 2026-09-30T23 of a shop opened
     * 2025-01-01T00, about 212,000 rows and 73 MB of NDJSON) on the given number of threads into a sink that counts
     * bytes.
     */
    public static void main(String[] args) throws IOException {
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(HourRange.parseHour("2025-01-01T00")));
        long[] bytes = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        BatchSpec spec = new BatchSpec(42, HourRange.parseHour("2026-09-30T23"), 10, 0);
        generator.writeSnapshot(spec, Format.valueOf(args[0]), null, sink, Integer.parseInt(args[1]));
        System.out.println("bytes=" + bytes[0]);
    }

    @Test
    void aSnapshotOfTwoHundredThousandRowsStreamsWithinA64MegabyteHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        for (String[] run : new String[][]{{"NDJSON", "2"}, {"JSON", "1"}}) {
            Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), SnapshotTest.class.getName(), run[0], run[1])
                    .redirectErrorStream(true)
                    .start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finishes within two minutes");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            List<String> lines = output.lines().filter(l -> l.startsWith("bytes=")).toList();
            assertEquals(1, lines.size(), output);
            long bytes = Long.parseLong(lines.get(0).substring("bytes=".length()));
            assertTrue(bytes > 60_000_000, String.join(" ", run) + ": " + output);
        }
    }
}
