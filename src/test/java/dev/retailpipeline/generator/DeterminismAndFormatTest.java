package dev.retailpipeline.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static dev.retailpipeline.generator.GeneratorFixtures.GENERATOR;
import static dev.retailpipeline.generator.GeneratorFixtures.START;
import static dev.retailpipeline.generator.GeneratorFixtures.hour;
import static dev.retailpipeline.generator.GeneratorFixtures.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.retailpipeline.time.HourRange;

class DeterminismAndFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameRequestTwiceGivesIdenticalBytesInEveryFormat() {
        BatchSpec spec = new BatchSpec(11, START + 40, 1.5, 0.05);
        assertEquals(hour(spec, Format.NDJSON, null), hour(spec, Format.NDJSON, null));
        assertEquals(hour(spec, Format.JSON, null), hour(spec, Format.JSON, null));
        for (String table : RetailGenerator.tableNames()) {
            assertEquals(hour(spec, Format.CSV, table), hour(spec, Format.CSV, table));
        }
        // a fresh generator (cold caches) gives the same bytes too
        RetailGenerator other = new RetailGenerator(new GeneratorConfig(START));
        assertEquals(other.generate(spec).orders(), GENERATOR.generate(spec).orders());
    }

    @Test
    void anotherSeedGivesDifferentData() {
        Batch a = GENERATOR.generate(new BatchSpec(1, START, 1, 0));
        Batch b = GENERATOR.generate(new BatchSpec(2, START, 1, 0));
        assertNotEquals(a.customers(), b.customers());
        assertNotEquals(a.orderItems(), b.orderItems());
        assertNotEquals(hour(new BatchSpec(1, START + 20, 1, 0), Format.NDJSON, null),
                hour(new BatchSpec(2, START + 20, 1, 0), Format.NDJSON, null));
    }

    @Test
    void anHourAloneIsByteForByteItsPartOfARange() {
        long from = START + 30;
        long to = from + 5;
        StringBuilder concatenated = new StringBuilder();
        for (long h = from; h <= to; h++) {
            concatenated.append(hour(new BatchSpec(5, h, 2, 0.03), Format.NDJSON, null));
        }
        assertEquals(concatenated.toString(), range(5, from, to, 2, 0.03));
    }

    @Test
    void hoursBeforeTheOpeningAreEmpty() throws Exception {
        Batch b = GENERATOR.generate(new BatchSpec(3, START - 1, 1, 0.5));
        assertEquals(0, b.rowCount());
        assertTrue(b.manifest().isEmpty());
        assertEquals(0, b.summary().revenueCents());
        String ndjson = hour(new BatchSpec(3, START - 1, 1, 0.5), Format.NDJSON, null);
        assertEquals(2, ndjson.lines().count());
        JsonNode json = JSON.readTree(hour(new BatchSpec(3, START - 1, 1, 0.5), Format.JSON, null));
        assertEquals(0, json.get("orders").size());
    }

    @Test
    void ndjsonLinesFrameTheHourAndRowsFollowTheSchemaColumnOrder() throws Exception {
        String ndjson = hour(new BatchSpec(9, START, 1, 0.02), Format.NDJSON, null);
        List<String> lines = ndjson.lines().toList();
        assertTrue(ndjson.endsWith("\n"));
        assertEquals("_batch", JSON.readTree(lines.get(0)).get("table").asText());
        assertEquals("{\"table\":\"_batch\",\"row\":{\"hour\":\"2026-11-01T00\",\"seed\":9,\"scale\":1.0,\"dirty\":0.02}}",
                lines.get(0));
        assertEquals("_summary", JSON.readTree(lines.get(lines.size() - 1)).get("table").asText());
        @SuppressWarnings("unchecked")
        Map<String, Object> tables = (Map<String, Object>) RetailGenerator.schema().get("tables");
        List<String> seen = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            JsonNode node = JSON.readTree(line);
            String table = node.get("table").asText();
            if (table.equals("_manifest")) {
                continue;
            }
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(table)) {
                seen.add(table);
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> columns = (List<Map<String, Object>>) ((Map<String, Object>) tables.get(table))
                    .get("columns");
            Iterator<String> names = node.get("row").fieldNames();
            for (Map<String, Object> column : columns) {
                assertEquals(column.get("name"), names.next(), "column order of " + table);
            }
        }
        assertEquals(RetailGenerator.tableNames(), seen, "tables appear in load order");
        assertTrue(ndjson.contains("\"unit_price\":"));
        assertTrue(ndjson.matches("(?s).*\"amount\":\\d+\\.\\d\\d[,}].*"), "money has two decimals");
        assertTrue(ndjson.matches("(?s).*\"order_at\":\"2026-11-01T00:\\d\\d:\\d\\dZ\".*"));
    }

    @Test
    void jsonAndCsvCarryTheSameRowsAsNdjson() throws Exception {
        BatchSpec spec = new BatchSpec(4, START + 12, 1, 0);
        Batch batch = GENERATOR.generate(spec);
        JsonNode json = JSON.readTree(hour(spec, Format.JSON, null));
        assertEquals(batch.orders().size(), json.get("orders").size());
        assertEquals(batch.summary().revenueCents(),
                json.get("summary").get("revenue").decimalValue().movePointRight(2).longValueExact());
        String csv = hour(spec, Format.CSV, "order_items");
        List<String> lines = csv.lines().toList();
        assertEquals("order_item_id,order_id,line_number,product_id,quantity,unit_price,discount_amount",
                lines.get(0));
        assertEquals(batch.orderItems().size() + 1, lines.size());
        assertTrue(csv.contains("\r\n"));
    }

    @Test
    void csvQuotesFieldsWithCommasAndQuotes() {
        String csv = hour(new BatchSpec(4, START, 1, 0), Format.CSV, "products");
        // product names like "Sony Pro Headphones, Black" contain a comma
        assertTrue(csv.lines().anyMatch(l -> l.matches("^\\d+,[A-Z-]+-\\d+,\"[^\"]*,[^\"]*\",.*")));
    }

    @Test
    void aRangeWhoseReaderGoesAwayStopsWithTheWritersError() {
        java.io.OutputStream failing = new java.io.OutputStream() {
            private long written;

            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                written += len;
                if (written > 200_000) {
                    throw new java.io.IOException("client went away");
                }
            }
        };
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> GENERATOR.writeRange(6, START, START + 24 * 365, 1, 0, failing));
        assertEquals("client went away", e.getMessage());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HourRange.parseHour("2026-11-23 14"));
        assertThrows(IllegalArgumentException.class, () -> HourRange.parseHour("2026-02-30T10"));
        assertThrows(IllegalArgumentException.class, () -> new BatchSpec(1, START, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BatchSpec(1, START, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> hour(new BatchSpec(1, START, 1, 0), Format.CSV, "nope"));
        assertEquals("2026-11-23T14", HourRange.formatHour(HourRange.parseHour("2026-11-23T14")));
    }
}
