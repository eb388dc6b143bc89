package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writers' bytes are the golden outputs in src/test/resources/golden/generator: JsonBatchWriter's NDJSON and
 * JSON (streamed to an OutputStream and written into an HourBytes buffer alike) and CsvBatchWriter's CSV, of
 * generated hours and of batches of odd strings and numbers; small cases verbatim, large ones by checksum (see
 * {@link Golden}). Re-record them on purpose with
 * {@code mvn -o -B -q surefire:test -Dtest=WriterBytesTest -Dgolden.record=true} (off by default). Money and whole
 * numbers of every length are also checked against the JDK's text of them.
 */
class WriterBytesTest {
    private static final List<String> SHORT_STRINGS = List.of("", "plain", "quote \" and backslash \\ and slash /",
            controlCharacters(), "Zoë Ørsted, Straße 5 – café ½", "東京都 渋谷区", "emoji \uD83D\uDE00 pair",
            "lone \uD83D high", "lone \uDE00 low", "\u07FF\u0800\uFFFF\u0080");
    /** Strings longer than the writer's buffer: one to copy, one that doubles as it is escaped. */
    private static final List<String> LONG_STRINGS = List.of("x".repeat(100_000) + "é", "\"".repeat(20_000));

    private static String controlCharacters() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            s.append(c);
        }
        return s.toString();
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

    private static byte[] csv(Batch b, String table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CsvBatchWriter().write(b, table, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The batch's NDJSON and JSON are the golden {name}.ndjson and {name}.json (golden is Golden::verbatim or
     * Golden::checksum), streamed and in memory alike.
     */
    private static void assertGolden(String name, Batch b, BiConsumer<String, byte[]> golden) {
        for (boolean ndjson : new boolean[]{true, false}) {
            String file = name + (ndjson ? ".ndjson" : ".json");
            byte[] streamed = streamed(b, ndjson);
            golden.accept(file, streamed);
            assertArrayEquals(streamed, inMemory(b, ndjson), file + " written into HourBytes");
        }
    }

    private static void assertGoldenHour(BatchSpec spec, BiConsumer<String, byte[]> golden) {
        assertGolden(Golden.name("hour", spec), GENERATOR.generate(spec), golden);
    }

    @Test
    void smallGeneratedHoursAreWrittenAsTheirVerbatimGoldens() {
        // before the opening: the _batch and _summary lines only
        assertGoldenHour(new BatchSpec(12, START - 1, 0.5, 0.4), Golden::verbatim);
        // an early hour at scale 1, clean and with dirty rows (and their manifest)
        assertGoldenHour(new BatchSpec(12, START + 4, 1, 0), Golden::verbatim);
        Batch dirty = GENERATOR.generate(new BatchSpec(12, START + 4, 1, 0.4));
        assertTrue(dirty.manifest().size() > 0, "the dirty hour has dirty rows");
        assertGoldenHour(new BatchSpec(12, START + 4, 1, 0.4), Golden::verbatim);
        // a scale so small that the hour is empty; its _batch line carries the scale as Double.toString gives it
        assertGoldenHour(new BatchSpec(-7, START + 2000, 1e-7, 1), Golden::verbatim);
    }

    @Test
    void largeGeneratedHoursAreWrittenAsTheirGoldenChecksums() {
        // the opening hour: the initial customers and the catalog
        assertGoldenHour(new BatchSpec(12, START, 0.5, 0), Golden::checksum);
        assertGoldenHour(new BatchSpec(12, START + 20, 0.5, 0.05), Golden::checksum);
        assertGoldenHour(new BatchSpec(12, START + 41, 3, 0.4), Golden::checksum);
        assertGoldenHour(new BatchSpec(12, START + 55, 3, 0), Golden::checksum);
        assertGoldenHour(new BatchSpec(Long.MAX_VALUE, START + 30, 123.456, 0.125), Golden::checksum);
        BatchSpec snapshot = new BatchSpec(12, START + 100, 1, 0);
        assertGolden(Golden.name("snapshot", snapshot), GENERATOR.snapshot(snapshot), Golden::checksum);
    }

    @Test
    void everyTableOfAnHourIsWrittenAsItsVerbatimGoldenCsv() {
        BatchSpec spec = new BatchSpec(12, START + 4, 1, 0.4);
        Batch b = GENERATOR.generate(spec);
        for (String table : RetailGenerator.tableNames()) {
            Golden.verbatim(Golden.name("hour", spec) + "." + table + ".csv", csv(b, table));
        }
    }

    /** A batch of every table's rows made of the strings, and of edge-case numbers, times and nulls. */
    private static Batch odd(List<String> strings) {
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
        return new Batch(new BatchSpec(Long.MIN_VALUE, -5, Double.MIN_VALUE, 1), stores, customers, products,
                orders, items, payments, manifest, summary);
    }

    @Test
    void oddStringsNumbersAndTimesAreWrittenAsTheirGoldens() {
        assertGolden("odd-values", odd(SHORT_STRINGS), Golden::verbatim);
        List<String> withLong = new ArrayList<>(SHORT_STRINGS);
        withLong.addAll(LONG_STRINGS);
        assertGolden("odd-values-long-strings", odd(withLong), Golden::checksum);
        List<StoreRow> stores = odd(SHORT_STRINGS).stores();
        Summary snapshot = new Summary(START, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
        assertGolden("odd-snapshot-scale1e300", new Batch(new BatchSpec(1, 0, 1e300, 0.3), stores, List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), snapshot), Golden::verbatim);
    }

    /** 0, 1, 2 ... 10^18 and their neighbours and negatives, and the ends of int and long. */
    private static List<Long> numbersOfEveryLength() {
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
        return values;
    }

    /** Order lines and payments whose ids, quantities and money are the numbers of every length. */
    private static Batch numbersBatch() {
        List<Long> values = numbersOfEveryLength();
        List<OrderItemRow> items = new ArrayList<>();
        List<PaymentRow> payments = new ArrayList<>();
        for (long v : values) {
            items.add(new OrderItemRow(v, -v, (int) v, v, (int) (v >> 32), v, -v));
            payments.add(new PaymentRow(v, v, "card", "captured", v, v % 100_000_000_000L));
        }
        Summary summary = new Summary(START, 0, 0, 0, 0, values.size(), values.size(), 0, 0, Long.MAX_VALUE,
                Long.MIN_VALUE + 1, Long.MAX_VALUE, -1);
        return new Batch(new BatchSpec(1, START, 1, 0), List.of(), List.of(), List.of(), List.of(), items, payments,
                List.of(), summary);
    }

    @Test
    void numbersAndMoneyOfEveryLengthAreWrittenAsTheirGoldens() {
        assertGolden("numbers-every-length", numbersBatch(), Golden::checksum);
    }

    /** Cents as the plain decimal with two places the writers must give ("-0.05", "12.30"), by BigDecimal. */
    private static String money(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static List<String> groups(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                found.add(m.group(g));
            }
        }
        return found;
    }

    @Test
    void moneyIsAPlainDecimalWithTwoPlacesAndWholeNumbersAreWrittenInFullAtEveryLength() {
        List<Long> values = numbersOfEveryLength();
        Batch b = numbersBatch();
        List<String> ids = new ArrayList<>();
        List<String> itemMoney = new ArrayList<>();
        List<String> paymentMoney = new ArrayList<>();
        for (long v : values) {
            ids.add(Long.toString(v));
            itemMoney.add(money(v));
            itemMoney.add(money(-v));
            paymentMoney.add(money(v));
        }
        for (boolean ndjson : new boolean[]{true, false}) {
            String text = new String(streamed(b, ndjson), StandardCharsets.UTF_8);
            assertEquals(ids, groups(Pattern.compile("\"order_item_id\":([^,]*),"), text));
            assertEquals(ids, groups(Pattern.compile("\"payment_id\":([^,]*),"), text));
            assertEquals(itemMoney, groups(Pattern.compile("\"unit_price\":([^,]*),\"discount_amount\":([^}]*)}"),
                    text));
            assertEquals(paymentMoney, groups(Pattern.compile("\"amount\":([^,]*),"), text));
            assertEquals(List.of(money(Long.MIN_VALUE + 1), money(Long.MAX_VALUE), money(-1)),
                    groups(Pattern.compile("\"revenue\":([^,]*),\"cost\":([^,]*),\"refunds\":([^,}]*)"), text));
            assertFalse(Pattern.compile("\\d[eE][-+]?\\d").matcher(text).find(), "no number in exponent form");
        }
        List<String> csvItemMoney = new String(csv(b, "order_items"), StandardCharsets.UTF_8).lines().skip(1)
                .flatMap(l -> {
                    String[] f = l.split(",");
                    return List.of(f[5], f[6]).stream();
                }).toList();
        assertEquals(itemMoney, csvItemMoney);
        List<String> csvPaymentMoney = new String(csv(b, "payments"), StandardCharsets.UTF_8).lines().skip(1)
                .map(l -> l.split(",")[4]).toList();
        assertEquals(paymentMoney, csvPaymentMoney);
    }
}
