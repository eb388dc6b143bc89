package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JsonBatchWriter writes exactly the bytes that Jackson's streaming generator wrote, in both formats and modes. */
class WriterBytesTest {

    private static byte[] jackson(Batch b, boolean ndjson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JacksonReferenceWriter w = new JacksonReferenceWriter(out)) {
            if (ndjson) {
                w.writeNdjson(b);
            } else {
                w.writeJson(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Streaming to an OutputStream (the writer drains its buffer whenever it fills). */
    private static byte[] streamed(Batch b, boolean ndjson) {
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int x) {
                collected.write(x);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                collected.write(bytes, off, len);
            }
        };
        try (JsonBatchWriter w = new JsonBatchWriter(out)) {
            if (ndjson) {
                w.writeNdjson(b);
            } else {
                w.writeJson(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return collected.toByteArray();
    }

    private static byte[] inMemory(Batch b, boolean ndjson) {
        HourBytes bytes = new HourBytes(16);
        try (JsonBatchWriter w = new JsonBatchWriter(bytes)) {
            if (ndjson) {
                w.writeNdjson(b);
            } else {
                w.writeJson(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            bytes.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void assertSameBytes(Batch b) {
        for (boolean ndjson : new boolean[]{true, false}) {
            byte[] expected = jackson(b, ndjson);
            assertArrayEquals(expected, streamed(b, ndjson), "streamed " + (ndjson ? "ndjson" : "json"));
            assertArrayEquals(expected, inMemory(b, ndjson), "in memory " + (ndjson ? "ndjson" : "json"));
        }
    }

    @Test
    void generatedHoursAreWrittenAsJacksonWroteThem() {
        int batches = 0;
        for (double scale : new double[]{0.5, 3}) {
            for (double dirty : new double[]{0, 0.05, 0.4}) {
                for (long h = START - 1; h < START + 60; h += 7) {
                    assertSameBytes(GENERATOR.generate(new BatchSpec(12, h, scale, dirty)));
                    batches++;
                }
            }
        }
        assertSameBytes(GENERATOR.snapshot(new BatchSpec(12, START + 100, 1, 0)));
        assertSameBytes(GENERATOR.generate(new BatchSpec(-7, START + 2000, 1e-7, 1)));
        assertSameBytes(GENERATOR.generate(new BatchSpec(Long.MAX_VALUE, START + 30, 123.456, 0.125)));
        assertTrue(batches > 50);
    }

    @Test
    void oddStringsNumbersAndTimesAreWrittenAsJacksonWroteThem() {
        StringBuilder control = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            control.append(c);
        }
        List<String> strings = List.of("", "plain", "quote \" and backslash \\ and slash /", control.toString(),
                "Zoë Ørsted, Straße 5 – café ½", "東京都 渋谷区", "emoji \uD83D\uDE00 pair", "lone \uD83D high",
                "lone \uDE00 low", "\u07FF\u0800\uFFFF\u0080", "x".repeat(100_000) + "é",
                "\"".repeat(20_000));
        List<StoreRow> stores = new ArrayList<>();
        List<CustomerRow> customers = new ArrayList<>();
        List<ProductRow> products = new ArrayList<>();
        long[] times = {0, -1, -3600, 1, 59, 3599, 3600, 86_399, 253_402_300_799L, START * 3600 + 1234};
        long[] numbers = {0, 1, -1, 9, 10, 99, 100, 101, 999_999, 1_000_000, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1_000_000_000_000L};
        int i = 0;
        for (String s : strings) {
            long t = times[i % times.length];
            long n = numbers[i % numbers.length];
            stores.add(new StoreRow(n, s, s, s, s, s, s, t));
            customers.add(new CustomerRow(n, s, s, i % 3 == 0 ? null : s, i % 2 == 0 ? null : s, s, s, s, s, s, s,
                    t, t + 1));
            products.add(new ProductRow(n, s, s, s, s, s, n == Long.MIN_VALUE ? 0 : n, -n % 100_000, i % 2 == 0, t,
                    t));
            i++;
        }
        List<OrderRow> orders = new ArrayList<>();
        List<OrderItemRow> items = new ArrayList<>();
        List<PaymentRow> payments = new ArrayList<>();
        long[] money = {0, 1, 5, 9, 10, 99, 100, 101, 1234, -1, -5, -99, -100, -12_345, 999_999_999_999L,
            -999_999_999_999L};
        for (int j = 0; j < numbers.length; j++) {
            long n = numbers[j];
            long m = money[j % money.length];
            long t = times[j % times.length];
            orders.add(new OrderRow(n, j % 4 == 0 ? null : n, -n, strings.get(j % 10), "paid", t, t));
            items.add(new OrderItemRow(n, n, j - 8, j % 5 == 0 ? null : n, (int) n, m, -m));
            payments.add(new PaymentRow(n, n, "card", strings.get((j + 3) % 10), j % 3 == 0 ? null : m, t));
        }
        List<ManifestEntry> manifest = List.of(new ManifestEntry("orders", Long.MIN_VALUE, "late_row"),
                new ManifestEntry("customers\n", 7, "malformed \"email\""));
        Summary summary = new Summary(START, 1, 2, 3, 4, 5, 6, 7, 8, 9, -10, 424_242, 1_234_567_891L);
        Batch odd = new Batch(new BatchSpec(Long.MIN_VALUE, -5, Double.MIN_VALUE, 1), stores, customers, products,
                orders, items, payments, manifest, summary);
        assertSameBytes(odd);
        Summary snapshot = new Summary(START, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
        assertSameBytes(new Batch(new BatchSpec(1, 0, 1e300, 0.3), stores, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), snapshot));
    }

    @Test
    void numbersAndMoneyOfEveryLengthAreWrittenAsJacksonWroteThem() {
        List<Long> values = new ArrayList<>();
        long power = 1;
        for (int digits = 1; digits <= 19; digits++) {
            values.add(power - 1);
            values.add(power);
            values.add(power + 1);
            values.add(-power);
            values.add(-(power - 1));
            if (digits < 19) {
                power *= 10;
            }
        }
        values.addAll(List.of((long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, (long) Integer.MIN_VALUE,
                Long.MAX_VALUE, Long.MIN_VALUE + 1, 4_294_967_295L, 4_294_967_296L));
        List<OrderItemRow> items = new ArrayList<>();
        List<PaymentRow> payments = new ArrayList<>();
        for (long v : values) {
            items.add(new OrderItemRow(v, -v, (int) v, v, (int) (v >> 32), v, -v));
            payments.add(new PaymentRow(v, v, "card", "captured", v, v % 100_000_000_000L));
        }
        Summary summary = new Summary(START, 0, 0, 0, 0, values.size(), values.size(), 0, 0, Long.MAX_VALUE,
                Long.MIN_VALUE + 1, Long.MAX_VALUE, -1);
        assertSameBytes(new Batch(new BatchSpec(1, START, 1, 0), List.of(), List.of(), List.of(), List.of(), items,
                payments, List.of(), summary));
    }
}
