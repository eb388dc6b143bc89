package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A range made on several worker threads is byte for byte the sequential output, and its workers never outlive it. */
class ParallelRangeTest {

    private static byte[] range(RetailGenerator generator, long seed, long from, long to, double scale, double dirty)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.writeRange(seed, from, to, scale, dirty, out);
        return out.toByteArray();
    }

    private static byte[] hoursOneByOne(RetailGenerator generator, long seed, long from, long to, double scale,
                                        double dirty) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long h = from; h <= to; h++) {
            generator.writeHour(new BatchSpec(seed, h, scale, dirty), Format.NDJSON, null, out);
        }
        return out.toByteArray();
    }

    /** The generator's worker threads alive now. */
    private static Set<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(ParallelHours.THREAD_PREFIX) && t.isAlive())
                .collect(Collectors.toSet());
    }

    private static void assertNoNewWorkers(Set<Thread> before) {
        Set<Thread> now = workers();
        now.removeAll(before);
        assertTrue(now.isEmpty(), "worker threads left running: " + now);
    }

    @Test
    void aParallelRangeIsTheConcatenationOfItsHoursByteForByte() throws IOException {
        // two hours before the opening (empty), then 98 hours, some with dirty rows of every kind
        long from = START - 2;
        long to = from + 99;
        RetailGenerator parallel = new RetailGenerator(new GeneratorConfig(START, 4));
        byte[] expected = hoursOneByOne(parallel, 31, from, to, 3, 0.05);
        assertTrue(expected.length > 1_000_000, "a real range: " + expected.length + " bytes");
        assertArrayEquals(expected, range(parallel, 31, from, to, 3, 0.05));
        assertArrayEquals(expected, range(new RetailGenerator(new GeneratorConfig(START, 1)), 31, from, to, 3, 0.05));
        assertArrayEquals(expected, range(new RetailGenerator(new GeneratorConfig(START, 2)), 31, from, to, 3, 0.05));
    }

    @Test
    void aCleanRangeIsTheConcatenationOfItsHoursToo() throws IOException {
        long from = START + 500;
        long to = from + 47;
        RetailGenerator parallel = new RetailGenerator(new GeneratorConfig(START, 3));
        assertArrayEquals(hoursOneByOne(parallel, 31, from, to, 2, 0), range(parallel, 31, from, to, 2, 0));
    }

    @Test
    void streamRangeCountsTheSourceRowsOfEveryHour() throws IOException {
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(START, 2));
        long rows = 0;
        for (long h = START; h < START + 30; h++) {
            rows += generator.generate(new BatchSpec(31, h, 2, 0.02)).rowCount();
        }
        OutputStream sink = OutputStream.nullOutputStream();
        assertEquals(rows, generator.streamRange(31, START, START + 29, 2, 0.02, sink));
        assertEquals(rows, generator.streamRange(31, START, START + 29, 2, 0.02, sink, 1));
        assertEquals(rows, generator.streamRange(31, START, START + 29, 2, 0.02, sink, 5));
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
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(START, 3));
        IOException e = assertThrows(IOException.class,
                () -> generator.writeRange(6, START, START + 24 * 365, 2, 0.01, failing));
        assertEquals("client went away", e.getMessage());
        assertNoNewWorkers(before);
    }

    @Test
    void hoursArriveInOrderHoweverLongEachTakes() throws IOException {
        Set<Thread> before = workers();
        List<Long> seen = new ArrayList<>();
        try (ParallelHours hours = new ParallelHours(100, 139, 4, (h, into) -> {
            try {
                Thread.sleep((h * 7919) % 5); // later hours often finish first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            into.write(Long.toString(h).getBytes(), 0, Long.toString(h).length());
            into.rows = h;
        })) {
            for (int i = 0; i < 40; i++) {
                HourBytes b = hours.next();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                b.writeTo(out);
                assertEquals(Long.toString(b.rows), out.toString());
                seen.add(b.rows);
                hours.recycle(b);
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long h = 100; h <= 139; h++) {
            expected.add(h);
        }
        assertEquals(expected, seen);
        assertNoNewWorkers(before);
    }

    @Test
    void aWorkersFailureReachesTheConsumerAsItIsAtItsHour() throws IOException {
        Set<Thread> before = workers();
        IllegalStateException boom = new IllegalStateException("hour 7 failed");
        long[] delivered = {0};
        try (ParallelHours hours = new ParallelHours(0, 1000, 3, (h, into) -> {
            if (h == 7) {
                throw boom;
            }
            into.rows = h;
        })) {
            for (long h = 0; h < 7; h++) {
                assertEquals(h, hours.next().rows);
                delivered[0]++;
            }
            assertSame(boom, assertThrows(IllegalStateException.class, hours::next));
        }
        assertEquals(7, delivered[0]);
        assertNoNewWorkers(before);

        StackOverflowError error = new StackOverflowError("deep");
        try (ParallelHours hours = new ParallelHours(0, 10, 2, (h, into) -> {
            throw error;
        })) {
            assertSame(error, assertThrows(StackOverflowError.class, hours::next));
        }
        assertNoNewWorkers(before);
    }

    @Test
    void closingEarlyStopsTheWorkersAndAnInterruptedConsumerGetsAnInterruptedIoException() throws IOException {
        Set<Thread> before = workers();
        CountDownLatch never = new CountDownLatch(1);
        ParallelHours hours = new ParallelHours(0, 1_000_000, 2, (h, into) -> {
            if (h >= 3) {
                try {
                    never.await(); // stuck until the pool interrupts it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            hours.next();
            hours.next();
            hours.next();
            Thread.currentThread().interrupt();
            assertThrows(InterruptedIOException.class, hours::next);
            assertTrue(Thread.interrupted(), "the interrupt is kept");
        } finally {
            hours.close();
        }
        assertNoNewWorkers(before);
    }

    @Test
    void hourBytesGrowAsNeeded() throws IOException {
        HourBytes b = new HourBytes(4);
        byte[] data = new byte[10_000];
        Arrays.fill(data, (byte) 'x');
        b.write('a');
        b.write(data, 0, data.length);
        assertEquals(10_001, b.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        assertEquals('a', out.toByteArray()[0]);
        b.reset();
        assertEquals(0, b.length());
    }

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(START, 0));
        assertEquals(Runtime.getRuntime().availableProcessors(), new GeneratorConfig(START).threads());
    }
}
