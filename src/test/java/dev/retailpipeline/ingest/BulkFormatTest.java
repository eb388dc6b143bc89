package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.retailpipeline.time.HourRange;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The marshal step: a table's rows in the bulk format each database reads, every row checked, its hour added. */
class BulkFormatTest {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private static final long HOUR = HourRange.parseHour("2025-03-09T14");

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private static TableRows rows(RawTable table, String... json) {
        StringBuilder data = new StringBuilder();
        int[] ends = new int[json.length];
        long[] hours = new long[json.length];
        long[] lines = new long[json.length];
        for (int i = 0; i < json.length; i++) {
            data.append(json[i]);
            ends[i] = data.toString().getBytes(StandardCharsets.UTF_8).length;
            hours[i] = HOUR + i;
            lines[i] = 10 + i;
        }
        return new TableRows(table, json.length, data.toString().getBytes(StandardCharsets.UTF_8), ends, hours, lines);
    }

    private String marshal(BulkFormat format, TableRows rows, Exchange exchange) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.marshal(exchange, rows, out);
        assertEquals(rows.table().name(), exchange.getMessage().getHeader(IngestProgress.TABLE_HEADER));
        assertEquals((long) rows.rows(), exchange.getMessage().getHeader(IngestProgress.ROWS_HEADER));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ndjsonKeepsNumbersAndBooleansAsTheirExactTextAndAddsEachRowsHour() throws Exception {
        TableRows products = rows(RawTable.PRODUCTS,
                "{\"product_id\":7,\"unit_price\":12.30,\"is_active\":true,\"brand\":null,\"name\":\"Mug \\\"XL\\\"\"}",
                "{ \"product_id\" : 8 , \"unit_cost\" : -0.5e1 }");
        String out = marshal(new NdjsonBulkFormat(), products, new DefaultExchange(context));
        assertEquals("{\"product_id\":\"7\",\"unit_price\":\"12.30\",\"is_active\":\"true\",\"brand\":null,"
                + "\"name\":\"Mug \\\"XL\\\"\",\"_batch_hour\":\"2025-03-09 14:00:00\"}\n"
                + "{\"product_id\":\"8\",\"unit_cost\":\"-0.5e1\",\"_batch_hour\":\"2025-03-09 15:00:00\"}\n", out);
    }

    @Test
    void csvFollowsTheColumnOrderLeavesNullEmptyAndEndsWithTheLoadMetadata() throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(IngestProgress.RUN_ID, "run-1");
        exchange.setProperty(IngestProgress.LOADED_AT, "2025-03-10 00:00:00.000");
        TableRows payments = rows(RawTable.PAYMENTS,
                "{\"status\":\"captured\",\"payment_id\":71,\"order_id\":7,\"method\":\"card\",\"amount\":10.00,"
                        + "\"paid_at\":\"2025-03-09T14:05:00Z\"}",
                "{\"payment_id\":72,\"order_id\":7,\"method\":\"gift, card\",\"status\":null,\"amount\":0.10,\"paid_at\":\"\"}");
        String out = marshal(new CsvBulkFormat(), payments, exchange);
        assertEquals("71,7,card,captured,10.00,2025-03-09T14:05:00Z,2025-03-09 14:00:00,\"run-1\",2025-03-10 00:00:00.000\n"
                + "72,7,\"gift, card\",,0.10,\"\",2025-03-09 15:00:00,\"run-1\",2025-03-10 00:00:00.000\n", out);
    }

    @Test
    void aRowThatIsNotAFlatJsonObjectFailsTheChunkNamingItsLine() {
        TableRows bad = rows(RawTable.ORDERS, "{\"order_id\":1}", "{\"order_id\":{\"nested\":2}}");
        for (BulkFormat format : new BulkFormat[] {new NdjsonBulkFormat(), new CsvBulkFormat()}) {
            MalformedBatchException e = assertThrows(MalformedBatchException.class,
                    () -> marshal(format, bad, new DefaultExchange(context)));
            assertEquals(11, e.line(), format.getClass().getSimpleName());
            assertTrue(e.getMessage().contains("invalid JSON in a row of orders"), e.getMessage());
        }
    }
}
