package dev.retailpipeline.ingest;

import java.nio.charset.StandardCharsets;

/** Small hand-made hourly batches in the generator's NDJSON form. */
final class Fixtures {
    private Fixtures() {
    }

    /** A clean hour with one row per table, a manifest line and a summary. */
    static String hour(String hour) {
        return String.join("\n",
                "{\"table\":\"_batch\",\"row\":{\"hour\":\"" + hour + "\",\"seed\":42,\"scale\":1.0,\"dirty\":0.0}}",
                "{\"table\":\"stores\",\"row\":{\"store_id\":1,\"name\":\"Main, \\\"Street\\\"\",\"channel\":\"store\","
                        + "\"city\":\"Springfield\",\"state\":\"IL\",\"postal_code\":\"62701\",\"country\":\"US\","
                        + "\"opened_at\":\"2020-01-01T09:00:00Z\"}}",
                "{\"table\":\"customers\",\"row\":{\"customer_id\":7,\"first_name\":\"Zoë\",\"last_name\":\"O'Neil\","
                        + "\"email\":\"zoe@example.com\",\"phone\":null,\"street\":\"1 Elm\\nSt\",\"city\":\"\","
                        + "\"state\":\"IL\",\"postal_code\":\"62701\",\"country\":\"US\",\"loyalty_tier\":\"gold\","
                        + "\"signup_at\":\"2025-01-01T10:00:00Z\",\"updated_at\":\"2025-01-01T10:00:00Z\"}}",
                "{\"table\":\"products\",\"row\":{\"product_id\":3,\"sku\":\"SKU-3\",\"name\":\"Mug \\u2615\","
                        + "\"category\":\"home\",\"subcategory\":\"kitchen\",\"brand\":\"Acme\",\"unit_price\":12.30,"
                        + "\"unit_cost\":5.00,\"is_active\":true,\"created_at\":\"2024-01-01T00:00:00Z\","
                        + "\"updated_at\":\"2024-01-01T00:00:00Z\"}}",
                "{\"table\":\"orders\",\"row\":{\"order_id\":100,\"customer_id\":7,\"store_id\":1,\"channel\":\"store\","
                        + "\"status\":\"placed\",\"order_at\":\"" + hour + ":05:12Z\",\"updated_at\":\"" + hour
                        + ":05:12Z\"}}",
                "{\"table\":\"order_items\",\"row\":{\"order_item_id\":1000,\"order_id\":100,\"line_number\":1,"
                        + "\"product_id\":3,\"quantity\":2,\"unit_price\":12.30,\"discount_amount\":0.60}}",
                "{\"table\":\"order_items\",\"row\":{\"order_item_id\":1001,\"order_id\":100,\"line_number\":2,"
                        + "\"product_id\":3,\"quantity\":-1,\"unit_price\":12.30,\"discount_amount\":0.00}}",
                "{\"table\":\"payments\",\"row\":{\"payment_id\":500,\"order_id\":100,\"method\":\"card\","
                        + "\"status\":\"captured\",\"amount\":24.00,\"paid_at\":\"" + hour + ":06:00Z\"}}",
                "{\"table\":\"_manifest\",\"row\":{\"table\":\"order_items\",\"key\":1001,\"kind\":\"negative_quantity\"}}",
                "{\"table\":\"_summary\",\"row\":{\"hour\":\"" + hour + "\",\"rows\":{\"stores\":1,\"customers\":1,"
                        + "\"products\":1,\"orders\":1,\"order_items\":1,\"payments\":1},\"dirty_rows\":1,"
                        + "\"orders_placed\":1,\"units\":2,\"revenue\":24.00,\"refunds\":0.00}}",
                "");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
