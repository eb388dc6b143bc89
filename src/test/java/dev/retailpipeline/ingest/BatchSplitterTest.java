package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSplitterTest {
    private static final String HOUR = "2026-11-23T14";

    private static String text(TableChunk c) {
        return new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsAnHourIntoOneChunkPerTableWithTheHourManifestAndSummary() {
        StagedBatch b = new BatchSplitter(ChunkFormat.NDJSON).split(Fixtures.bytes(Fixtures.hour(HOUR)));

        assertEquals(LocalDateTime.of(2026, 11, 23, 14, 0), b.hour());
        assertEquals(List.of(RawTable.STORES, RawTable.CUSTOMERS, RawTable.PRODUCTS, RawTable.ORDERS,
                RawTable.ORDER_ITEMS, RawTable.PAYMENTS), b.tables().stream().map(TableChunk::table).toList());
        assertEquals(2, b.chunk(RawTable.ORDER_ITEMS).rows());
        assertEquals(1, b.manifest().rows());
        assertEquals(7, b.sourceRows());
        assertEquals(42L, b.summary().seed());
        assertEquals(new BigDecimal("24.00"), b.summary().revenue());
        assertEquals(1L, b.summary().rows().get("order_items"));
        assertTrue(b.summary().json().startsWith("{\"hour\":\"2026-11-23T14\""));
    }

    @Test
    void ndjsonChunksCarryNumbersAndBooleansAsTheirExactText() {
        StagedBatch b = new BatchSplitter(ChunkFormat.NDJSON).split(Fixtures.bytes(Fixtures.hour(HOUR)));

        String products = text(b.chunk(RawTable.PRODUCTS));
        assertTrue(products.contains("\"unit_price\":\"12.30\""), products);
        assertTrue(products.contains("\"is_active\":\"true\""), products);
        assertTrue(products.contains("\"name\":\"Mug \\u2615\""), products);
        assertTrue(products.endsWith("}\n"));
        assertTrue(text(b.chunk(RawTable.CUSTOMERS)).contains("\"phone\":null"));
    }

    @Test
    void csvChunksFollowTheColumnOrderQuoteOnlyWhenNeededAndLeaveNullEmpty() {
        StagedBatch b = new BatchSplitter(ChunkFormat.CSV).split(Fixtures.bytes(Fixtures.hour(HOUR)));

        assertEquals("1,\"Main, \"\"Street\"\"\",store,Springfield,IL,62701,US,2020-01-01T09:00:00Z",
                text(b.chunk(RawTable.STORES)));
        assertEquals("7,Zoë,O'Neil,zoe@example.com,,\"1 Elm\nSt\",\"\",IL,62701,US,gold,"
                + "2025-01-01T10:00:00Z,2025-01-01T10:00:00Z", text(b.chunk(RawTable.CUSTOMERS)));
        TableChunk items = b.chunk(RawTable.ORDER_ITEMS);
        String rows = text(items);
        assertEquals("1000,100,1,3,2,12.30,0.601001,100,2,3,-1,12.30,0.00", rows);
        assertEquals(2, items.rowEnds().length);
        assertEquals("1000,100,1,3,2,12.30,0.60", rows.substring(0, items.rowEnds()[0]));
        assertEquals("order_items,1001,negative_quantity", text(b.manifest()));
        assertTrue(text(b.chunk(RawTable.PRODUCTS)).contains("Mug \u2615"));
    }

    @Test
    void keyOrderAndSpacingDoNotMatter() {
        String batch = Fixtures.hour(HOUR).replace(
                "{\"table\":\"orders\",\"row\":{\"order_id\":100,",
                "{ \"row\" : {\"order_id\":100,").replace(
                "\"updated_at\":\"" + HOUR + ":05:12Z\"}}",
                "\"updated_at\":\"" + HOUR + ":05:12Z\"}, \"table\": \"orders\" }");
        for (ChunkFormat f : ChunkFormat.values()) {
            StagedBatch b = new BatchSplitter(f).split(Fixtures.bytes(batch));
            assertEquals(1, b.chunk(RawTable.ORDERS).rows(), f.name());
            assertTrue(text(b.chunk(RawTable.ORDERS)).contains("placed"), f.name());
        }
    }

    @Test
    void readsAStreamInSmallPiecesAndWithoutAFinalLineEnd() throws Exception {
        byte[] all = Fixtures.bytes(Fixtures.hour(HOUR).strip());
        var trickle = new ByteArrayInputStream(all) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        StagedBatch b = new BatchSplitter(ChunkFormat.NDJSON).split(trickle);
        assertEquals(7, b.sourceRows());
        assertEquals(1, b.manifest().rows());
    }

    @Test
    void aCutOffLineIsMalformedAndNamesItsLine() {
        String[] lines = Fixtures.hour(HOUR).split("\n");
        String cut = String.join("\n", Arrays.copyOf(lines, 6)) + "\n" + lines[5].substring(0, 60);
        for (ChunkFormat f : ChunkFormat.values()) {
            MalformedBatchException e = assertThrows(MalformedBatchException.class,
                    () -> new BatchSplitter(f).split(Fixtures.bytes(cut)));
            assertEquals(7, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("line 7"), e.getMessage());
        }
    }

    @Test
    void invalidJsonInARowIsMalformedAndNamesItsLine() {
        String bad = Fixtures.hour(HOUR).replace("\"quantity\":2,", "\"quantity\":2,,");
        for (ChunkFormat f : ChunkFormat.values()) {
            MalformedBatchException e = assertThrows(MalformedBatchException.class,
                    () -> new BatchSplitter(f).split(Fixtures.bytes(bad)));
            assertEquals(6, e.line(), f + ": " + e.getMessage());
        }
    }

    @Test
    void anUnknownTableIsMalformedAndNamesTheTableAndLine() {
        String bad = Fixtures.hour(HOUR).replace("{\"table\":\"orders\",", "{\"table\":\"returns\",");
        MalformedBatchException e = assertThrows(MalformedBatchException.class,
                () -> new BatchSplitter(ChunkFormat.NDJSON).split(Fixtures.bytes(bad)));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("unknown table \"returns\""), e.getMessage());
    }

    @Test
    void aBatchWithoutItsSummaryIsMalformed() {
        String hour = Fixtures.hour(HOUR);
        String noSummary = hour.substring(0, hour.indexOf("{\"table\":\"_summary\""));
        MalformedBatchException e = assertThrows(MalformedBatchException.class,
                () -> new BatchSplitter(ChunkFormat.NDJSON).split(Fixtures.bytes(noSummary)));
        assertTrue(e.getMessage().contains("no _summary"), e.getMessage());
        assertEquals(9, e.line());
    }

    @Test
    void aBatchThatDoesNotStartWithItsBatchLineIsMalformed() {
        String hour = Fixtures.hour(HOUR);
        String noBatch = hour.substring(hour.indexOf('\n') + 1);
        MalformedBatchException e = assertThrows(MalformedBatchException.class,
                () -> new BatchSplitter(ChunkFormat.CSV).split(Fixtures.bytes(noBatch)));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("_batch"), e.getMessage());
        assertThrows(MalformedBatchException.class, () -> new BatchSplitter(ChunkFormat.CSV).split(new byte[0]));
    }

    @Test
    void aSummaryForAnotherHourOrALineAfterTheSummaryIsMalformed() {
        String other = Fixtures.hour(HOUR).replace("\"row\":{\"hour\":\"" + HOUR + "\",\"rows\"",
                "\"row\":{\"hour\":\"2026-11-23T15\",\"rows\"");
        assertThrows(MalformedBatchException.class,
                () -> new BatchSplitter(ChunkFormat.NDJSON).split(Fixtures.bytes(other)));
        String after = Fixtures.hour(HOUR) + Fixtures.hour(HOUR);
        MalformedBatchException e = assertThrows(MalformedBatchException.class,
                () -> new BatchSplitter(ChunkFormat.NDJSON).split(Fixtures.bytes(after)));
        assertEquals(11, e.line());
    }

    @Test
    void aNestedValueInARowIsMalformed() {
        String bad = Fixtures.hour(HOUR).replace("\"quantity\":2,", "\"quantity\":[2],");
        for (ChunkFormat f : ChunkFormat.values()) {
            assertThrows(MalformedBatchException.class, () -> new BatchSplitter(f).split(Fixtures.bytes(bad)));
        }
    }

    @Test
    void missingSummaryFieldsAreNull() {
        String lean = Fixtures.hour(HOUR).replace(",\"refunds\":0.00", "");
        assertNull(new BatchSplitter(ChunkFormat.NDJSON).split(Fixtures.bytes(lean)).summary().refunds());
    }
}
