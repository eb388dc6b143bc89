package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
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
 * The snapshot is its golden output in src/test/resources/golden/generator (see {@link Golden}) in every format,
 * and streamed on one thread or several, through the public writeSnapshot, in chunks of any size and materialized it
 * is the same bytes; its customers and products as of an hour are their goldens too; and a large one streams within
 * a small heap. Re-record the goldens on purpose with
 * {@code mvn -o -B -q surefire:test -Dtest=SnapshotTest -Dgolden.record=true} (off by default).
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

    /**
     * The snapshot of spec as NDJSON is its golden (golden is Golden::verbatim or Golden::checksum), and so are its
     * JSON and CSV of every table if everyFormat; every other way of writing its NDJSON gives the same bytes.
     * Returns the NDJSON's length.
     */
    private static int assertGoldenSnapshot(RetailGenerator generator, BatchSpec spec,
                                            BiConsumer<String, byte[]> golden, boolean everyFormat) {
        String name = Golden.name("snapshot", spec);
        byte[] expected = written(generator, spec, Format.NDJSON, null, 1);
        golden.accept(name + ".ndjson", expected);
        assertArrayEquals(expected, written(generator, spec, Format.NDJSON, null, 3), name + " on 3 threads");
        ByteArrayOutputStream viaPublicApi = new ByteArrayOutputStream();
        try {
            generator.writeSnapshot(spec, Format.NDJSON, null, viaPublicApi);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertArrayEquals(expected, viaPublicApi.toByteArray(), name + " through writeSnapshot");
        Batch made = generator.snapshot(spec);
        assertArrayEquals(expected, ndjson(made), name + " materialized");
        assertEquals(Golden.lineFeeds(expected) - 2, made.rowCount(), name + ": a line per row, _batch and _summary");
        if (everyFormat) {
            golden.accept(name + ".json", written(generator, spec, Format.JSON, null, 2));
            for (String table : TABLES) {
                golden.accept(name + "." + table + ".csv", written(generator, spec, Format.CSV, table, 2));
            }
        }
        return expected.length;
    }

    @Test
    void theSnapshotIsItsGoldenInEveryFormatAndOnAnyNumberOfThreads() {
        // before the opening: empty tables
        assertGoldenSnapshot(GENERATOR, new BatchSpec(42, START - 1, 0.3, 0), Golden::verbatim, true);
        // the opening hour: the initial customers and the catalog
        assertGoldenSnapshot(GENERATOR, new BatchSpec(42, START, 0.3, 0), Golden::checksum, true);
        assertGoldenSnapshot(GENERATOR, new BatchSpec(-9, START + 1, 1.5, 0), Golden::checksum, false);
        assertGoldenSnapshot(GENERATOR, new BatchSpec(-9, START + 37, 1.5, 0), Golden::checksum, false);
        assertGoldenSnapshot(GENERATOR, new BatchSpec(42, START + 24 * 45 + 5, 1.5, 0), Golden::checksum, false);
        // more than a year on: customers and products with many changes behind them
        int small = assertGoldenSnapshot(GENERATOR, new BatchSpec(-9, START + 24 * 400 + 23, 0.3, 0),
                Golden::checksum, true);
        assertTrue(small > 1_000_000, "a real snapshot: " + small);
        int large = assertGoldenSnapshot(GENERATOR, new BatchSpec(42, START + 24 * 400 + 23, 1.5, 0),
                Golden::checksum, false);
        assertTrue(large > 5_000_000, "a real snapshot: " + large);
    }

    @Test
    void dirtyChangesOnlyTheBatchLineOfTheSnapshot() {
        BatchSpec dirty = new BatchSpec(5, START + 24 * 20, 1, 0.3);
        assertGoldenSnapshot(GENERATOR, dirty, Golden::checksum, false);
        String[] dirtyLines = new String(written(GENERATOR, dirty, Format.NDJSON, null, 1), StandardCharsets.UTF_8)
                .split("\n");
        String[] cleanLines = new String(written(GENERATOR, new BatchSpec(5, START + 24 * 20, 1, 0), Format.NDJSON,
                null, 1), StandardCharsets.UTF_8).split("\n");
        assertTrue(dirtyLines[0].endsWith("\"dirty\":0.3}}"), dirtyLines[0]);
        assertTrue(cleanLines[0].endsWith("\"dirty\":0.0}}"), cleanLines[0]);
        assertTrue(cleanLines.length > 3000, cleanLines.length + " lines");
        assertArrayEquals(Arrays.copyOfRange(cleanLines, 1, cleanLines.length),
                Arrays.copyOfRange(dirtyLines, 1, dirtyLines.length));
    }

    @Test
    void theSnapshotOfTheBriefsHourIsItsGolden() {
        // the shop of the benchmark (opened 2025-01-01T00), at the hour of the benchmark, at a smaller scale
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(HourRange.parseHour("2025-01-01T00"), 2));
        int bytes = assertGoldenSnapshot(generator, new BatchSpec(42, HourRange.parseHour("2026-09-30T23"), 2, 0),
                Golden::checksum, true);
        assertTrue(bytes > 10_000_000, "a real snapshot: " + bytes);
    }

    @Test
    void chunksOfAnySizeJoinUpToTheSameBytes() throws IOException {
        BatchSpec spec = new BatchSpec(11, START + 24 * 30 + 7, 1, 0);
        Shop shop = GENERATOR.shop(spec.seed(), spec.scale());
        Snapshot snapshot = new Snapshot(shop, spec);
        int customers = snapshot.views().customers().size();
        int products = snapshot.views().products().size();
        assertTrue(customers > 2000 && products > 800, customers + " customers, " + products + " products");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        snapshot.writeNdjson(whole, 1, Integer.MAX_VALUE);
        byte[] expected = whole.toByteArray();
        Golden.checksum(Golden.name("snapshot", spec) + ".ndjson", expected);
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

    /** Lines "hour k row" of entity k as of hour h, k = 0, step, 2 * step ... up to count (one past the last). */
    private static long appendAsOf(StringBuilder lines, long h, long count, int step, LongFunction<Object> asOf) {
        long n = 0;
        for (long k = 0; k <= count; k += step) {
            lines.append(HourRange.formatHour(h)).append(' ').append(k).append(' ').append(asOf.apply(k)).append('\n');
            n++;
        }
        return n;
    }

    @Test
    void customersAndProductsAsOfAnHourAreTheirGoldens() {
        // a shop open for almost two years at scale 10: customers with up to a dozen changes, and the one customer
        // (of seed 42) whose new e-mail address was the one it had, so it got a 1 in front
        long start = HourRange.parseHour("2025-01-01T00");
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(start, 1));
        long end = HourRange.parseHour("2026-09-30T23");
        long compared = 0;
        for (long seed : new long[]{42, 7}) {
            Shop shop = generator.shop(seed, 10);
            StringBuilder customers = new StringBuilder();
            StringBuilder products = new StringBuilder();
            for (long h : new long[]{start, start + 1, start + 24 * 100 + 5, end - 24 * 200, end}) {
                compared += appendAsOf(customers, h, shop.customers.countAt(h), 29, k -> shop.customers.asOf(k, h));
                compared += appendAsOf(products, h, shop.products.countAt(h), 3, k -> shop.products.asOf(k, h));
            }
            Golden.checksum("customers-asof_seed" + seed + "_scale10.txt",
                    customers.toString().getBytes(StandardCharsets.UTF_8));
            Golden.checksum("products-asof_seed" + seed + "_scale10.txt",
                    products.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(compared > 30_000, "compared " + compared);
        Shop shop = generator.shop(42, 10);
        CustomerRow same = shop.customers.asOf(28431, end);
        assertTrue(same.email().startsWith("1"), same.toString());
        // every version of that customer, day by day, with the first day it was seen
        StringBuilder versions = new StringBuilder();
        CustomerRow previous = null;
        for (long h = start; h <= end; h += 24) {
            CustomerRow row = shop.customers.asOf(28431, h);
            if (h == start || !Objects.equals(row, previous)) {
                versions.append(HourRange.formatHour(h)).append(' ').append(row).append('\n');
            }
            previous = row;
        }
        Golden.verbatim("customer-index28431-versions_seed42_scale10.txt",
                versions.toString().getBytes(StandardCharsets.UTF_8));
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
