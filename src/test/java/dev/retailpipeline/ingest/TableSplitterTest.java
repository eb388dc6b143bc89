package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retailpipeline.generator.Batch;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.time.HourRange;
import org.junit.jupiter.api.Test;

/** The split step: a chunk's NDJSON stream cut into each table's rows, every hour checked to be there and whole. */
class TableSplitterTest {

    private static final long START = HourRange.parseHour("2025-01-01T00");
    private static final RetailGenerator GENERATOR = new RetailGenerator(new GeneratorConfig(START));
    private static final HourRange SIX_HOURS = new HourRange(START + 8, START + 14);

    private static byte[] range(HourRange hours, double dirty) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GENERATOR.writeRange(7, hours.from(), hours.to() - 1, 1, dirty, out);
        return out.toByteArray();
    }

    private static List<TableRows> split(InputStream in, HourRange hours, int flushBytes) {
        List<TableRows> all = new ArrayList<>();
        Iterator<TableRows> it = new TableSplitter(flushBytes).split(in, hours, null);
        it.forEachRemaining(all::add);
        return all;
    }

    private static Map<RawTable, Integer> rowsPerTable(List<TableRows> parts) {
        Map<RawTable, Integer> n = new EnumMap<>(RawTable.class);
        parts.forEach(p -> n.merge(p.table(), p.rows(), Integer::sum));
        return n;
    }

    @Test
    void aRangeIsCutIntoEachTablesRowsEachWithItsHourAndOneSummaryRowPerHour() throws Exception {
        List<TableRows> parts = split(new ByteArrayInputStream(range(SIX_HOURS, 0.05)), SIX_HOURS, 1 << 24);
        Map<RawTable, Integer> expected = new EnumMap<>(RawTable.class);
        for (long h = SIX_HOURS.from(); h < SIX_HOURS.to(); h++) {
            Batch batch = GENERATOR.generate(new BatchSpec(7, h, 1, 0.05));
            for (RawTable t : RawTable.sourceTables()) {
                if (!batch.rows(t.source()).isEmpty()) {
                    expected.merge(t, batch.rows(t.source()).size(), Integer::sum);
                }
            }
            expected.merge(RawTable.MANIFEST, batch.manifest().size(), Integer::sum);
        }
        expected.put(RawTable.SUMMARY, 6);
        assertEquals(expected, rowsPerTable(parts));
        TableRows orders = parts.stream().filter(p -> p.table() == RawTable.ORDERS).findFirst().orElseThrow();
        assertEquals(SIX_HOURS.from(), orders.rowHours()[0]);
        assertEquals(SIX_HOURS.to() - 1, orders.rowHours()[orders.rows() - 1]);
        String firstOrder = new String(orders.data(), 0, orders.rowEnds()[0], StandardCharsets.UTF_8);
        assertTrue(firstOrder.startsWith("{\"order_id\":"), firstOrder);

        TableRows summaries = parts.stream().filter(p -> p.table() == RawTable.SUMMARY).findFirst().orElseThrow();
        JsonNode first = new ObjectMapper().readTree(new String(summaries.data(), 0, summaries.rowEnds()[0], StandardCharsets.UTF_8));
        Batch batch = GENERATOR.generate(new BatchSpec(7, SIX_HOURS.from(), 1, 0.05));
        assertEquals(7, first.get("seed").asLong());
        assertEquals(batch.summary().orders(), first.get("orders_rows").asLong());
        assertEquals(batch.summary().revenueCents(), first.get("revenue").decimalValue().movePointRight(2).longValueExact());
        assertTrue(first.get("summary_json").asText().contains("\"revenue\""));
        assertEquals(SIX_HOURS.from(), summaries.rowHours()[0]);
    }

    @Test
    void aStreamReadInTinyPiecesGivesTheSameRowsAndATableIsHandedOnOnceItHoldsItsShare() throws Exception {
        byte[] bytes = range(SIX_HOURS, 0);
        Map<RawTable, Integer> whole = rowsPerTable(split(new ByteArrayInputStream(bytes), SIX_HOURS, 1 << 24));
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        List<TableRows> small = split(trickle, SIX_HOURS, 4096);
        assertEquals(whole, rowsPerTable(small));
        long orderParts = small.stream().filter(p -> p.table() == RawTable.ORDERS).count();
        assertTrue(orderParts > 3, "orders come in parts of about 4 KB: " + orderParts);
        assertTrue(small.stream().allMatch(p -> p.bytes() < 4096 + 2048), "no part much over its share");
    }

    @Test
    void aStreamThatEndsBeforeTheChunksLastHourIsCutOff() throws Exception {
        byte[] fiveHours = range(new HourRange(SIX_HOURS.from(), SIX_HOURS.to() - 1), 0);
        MalformedBatchException e = assertThrows(MalformedBatchException.class,
                () -> split(new ByteArrayInputStream(fiveHours), SIX_HOURS, 1 << 24));
        assertTrue(e.getMessage().contains("after 5 of the 6 hours"), e.getMessage());
    }

    @Test
    void aStreamCutInsideAnHourIsCutOffAndNamesTheHour() throws Exception {
        byte[] bytes = range(SIX_HOURS, 0);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lastSummary = text.lastIndexOf("{\"table\":\"_summary\"");
        byte[] cut = text.substring(0, lastSummary).getBytes(StandardCharsets.UTF_8);
        MalformedBatchException e = assertThrows(MalformedBatchException.class,
                () -> split(new ByteArrayInputStream(cut), SIX_HOURS, 1 << 24));
        assertTrue(e.getMessage().contains("inside hour 2025-01-01T13"), e.getMessage());
    }

    @Test
    void anHourOutsideTheChunkOrOutOfOrderIsRefused() throws Exception {
        HourRange later = new HourRange(SIX_HOURS.from() + 1, SIX_HOURS.to());
        MalformedBatchException e = assertThrows(MalformedBatchException.class,
                () -> split(new ByteArrayInputStream(range(SIX_HOURS, 0)), later, 1 << 24));
        assertTrue(e.getMessage().contains("expected hour 2025-01-01T09"), e.getMessage());
        assertEquals(1, e.line());
        HourRange shorter = new HourRange(SIX_HOURS.from(), SIX_HOURS.to() - 1);
        MalformedBatchException past = assertThrows(MalformedBatchException.class,
                () -> split(new ByteArrayInputStream(range(SIX_HOURS, 0)), shorter, 1 << 24));
        assertTrue(past.getMessage().contains("past the chunk"), past.getMessage());
    }

    @Test
    void anUnknownTableOrABrokenEnvelopeIsMalformedAndNamesTheLine() {
        String hour = "{\"table\":\"_batch\",\"row\":{\"hour\":\"2025-01-01T08\",\"seed\":7,\"scale\":1,\"dirty\":0}}\n";
        String unknown = hour + "{\"table\":\"refunds\",\"row\":{\"id\":1}}\n";
        MalformedBatchException e = assertThrows(MalformedBatchException.class, () -> split(
                new ByteArrayInputStream(unknown.getBytes(StandardCharsets.UTF_8)), HourRange.of(START + 8), 1 << 20));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown table \"refunds\""), e.getMessage());
        String broken = hour + "{\"table\":\"orders\",\"row\":{\"order_id\":1}\n";
        MalformedBatchException b = assertThrows(MalformedBatchException.class, () -> split(
                new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), HourRange.of(START + 8), 1 << 20));
        assertEquals(2, b.line());
        String noNumber = hour + "{\"table\":\"_summary\",\"row\":{\"hour\":\"2025-01-01T08\",\"revenue\":\"a lot\"}}\n";
        MalformedBatchException n = assertThrows(MalformedBatchException.class, () -> split(
                new ByteArrayInputStream(noNumber.getBytes(StandardCharsets.UTF_8)), HourRange.of(START + 8), 1 << 20));
        assertTrue(n.getMessage().contains("revenue must be a number"), n.getMessage());
    }

    @Test
    void otherKeyOrderAndSpacingAreAcceptedAlike() {
        String hour = "{ \"row\": {\"hour\":\"2025-01-01T08\",\"seed\":7,\"scale\":1,\"dirty\":0}, \"table\": \"_batch\" }\n"
                + "{\"row\": {\"order_id\": 5, \"status\": \"placed\"}, \"table\": \"orders\"}\n"
                + "{\"table\":\"_summary\",\"row\":{\"hour\":\"2025-01-01T08\",\"rows\":{\"orders\":1},\"revenue\":1.50}}\n";
        List<TableRows> parts = split(new ByteArrayInputStream(hour.getBytes(StandardCharsets.UTF_8)),
                HourRange.of(START + 8), 1 << 20);
        TableRows orders = parts.stream().filter(p -> p.table() == RawTable.ORDERS).findFirst().orElseThrow();
        assertEquals(1, orders.rows());
        assertEquals("{\"order_id\":5,\"status\":\"placed\"}", new String(orders.data(), 0, orders.bytes(), StandardCharsets.UTF_8));
        assertFalse(parts.stream().anyMatch(p -> p.table() == RawTable.STORES), "no empty parts");
    }

    @Test
    void aStreamThatBreaksOffIsWorthTryingAgainNotMalformed() throws Exception {
        byte[] bytes = range(SIX_HOURS, 0);
        InputStream breaks = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > bytes.length / 2) {
                    throw new IOException("Connection reset");
                }
                int n = super.read(b, off, Math.min(len, 1000));
                read += n;
                return n;
            }
        };
        SourceBrokeOffException e = assertThrows(SourceBrokeOffException.class, () -> split(breaks, SIX_HOURS, 1 << 24));
        assertTrue(e.getMessage().contains("Connection reset"), e.getMessage());
    }
}
