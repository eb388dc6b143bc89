package dev.retailpipeline.ingest;

import java.util.List;

/**
 * The raw tables fed from a batch stream: the six source tables, the manifest of injected dirty rows and the
 * hours' summaries.
 * Each knows the {@code "table"} name of its NDJSON lines, its raw table and its columns, in DDL order
 * ({@code sql/00_schema}); the load metadata columns batch_hour, run_id and loaded_at follow them.
 */
public enum RawTable {
    STORES("stores", "raw_stores", cols("store_id", "name", "channel", "city", "state", "postal_code", "country",
            "opened_at")),
    CUSTOMERS("customers", "raw_customers", cols("customer_id", "first_name", "last_name", "email", "phone",
            "street", "city", "state", "postal_code", "country", "loyalty_tier", "signup_at", "updated_at")),
    PRODUCTS("products", "raw_products", cols("product_id", "sku", "name", "category", "subcategory", "brand",
            "unit_price", "unit_cost", "is_active", "created_at", "updated_at")),
    ORDERS("orders", "raw_orders", cols("order_id", "customer_id", "store_id", "channel", "status", "order_at",
            "updated_at")),
    ORDER_ITEMS("order_items", "raw_order_items", cols("order_item_id", "order_id", "line_number", "product_id",
            "quantity", "unit_price", "discount_amount")),
    PAYMENTS("payments", "raw_payments", cols("payment_id", "order_id", "method", "status", "amount", "paid_at")),
    /** The {@code _manifest} lines: JSON keys table, key, kind land in table_name, row_key, kind. */
    MANIFEST("_manifest", "raw_batch_manifest", List.of(
            new Column("table", "table_name"), new Column("key", "row_key"), new Column("kind", "kind"))),
    /**
     * Each hour's ground truth: its {@code _batch} line's seed, scale and dirty with its {@code _summary} line's
     * figures, flattened into one row by the splitter ({@link TableSplitter}); summary_json keeps the line as sent.
     */
    SUMMARY("_summary", "raw_batch_summary", cols("seed", "scale", "dirty", "stores_rows", "customers_rows",
            "products_rows", "orders_rows", "order_items_rows", "payments_rows", "dirty_rows", "orders_placed", "units",
            "revenue", "cost", "refunds", "summary_json"));

    /** Name of the raw table holding each batch's summary. */
    public static final String SUMMARY_TABLE = "raw_batch_summary";
    /** The metadata columns every raw table ends with. */
    public static final List<String> METADATA_COLUMNS = List.of("batch_hour", "run_id", "loaded_at");

    /** A column: the key in the JSON row and the column in the raw table. */
    public record Column(String jsonKey, String name) {
    }

    private final String source;
    private final String rawTable;
    private final List<Column> columns;

    RawTable(String source, String rawTable, List<Column> columns) {
        this.source = source;
        this.rawTable = rawTable;
        this.columns = columns;
    }

    /** The {@code "table"} value of the NDJSON lines, e.g. {@code order_items} or {@code _manifest}. */
    public String source() {
        return source;
    }

    /** The raw table, e.g. {@code raw_order_items}. */
    public String rawTable() {
        return rawTable;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The six source tables, in load order (without the manifest). */
    public static List<RawTable> sourceTables() {
        return List.of(STORES, CUSTOMERS, PRODUCTS, ORDERS, ORDER_ITEMS, PAYMENTS);
    }

    /** The table of an NDJSON row line's {@code "table"} value (a source table or _manifest), or null if unknown. */
    public static RawTable bySource(String source) {
        for (RawTable t : values()) {
            if (t != SUMMARY && t.source.equals(source)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The raw table's columns in the order its definition ({@code sql/00_schema}) makes them: the source columns, then
     * the metadata, except the summary table, which starts with its batch hour.
     */
    public List<String> tableColumns() {
        List<String> names = new java.util.ArrayList<>();
        if (this == SUMMARY) {
            names.add("batch_hour");
        }
        for (Column c : columns) {
            names.add(c.name());
        }
        if (this != SUMMARY) {
            names.add("batch_hour");
        }
        names.add("run_id");
        names.add("loaded_at");
        return names;
    }

    /** Column list for an insert, source columns then metadata: {@code a, b, batch_hour, run_id, loaded_at}. */
    public String insertColumnList() {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            sb.append(c.name()).append(", ");
        }
        return sb.append(String.join(", ", METADATA_COLUMNS)).toString();
    }

    private static List<Column> cols(String... names) {
        return java.util.Arrays.stream(names).map(n -> new Column(n, n)).toList();
    }
}
