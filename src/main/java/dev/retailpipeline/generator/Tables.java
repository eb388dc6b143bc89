package dev.retailpipeline.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The source model: the six tables in load order, their ordered columns, types, nullability and keys. */
final class Tables {
    record Column(String name, String type, boolean nullable) {
    }

    record Table(String name, String key, List<Column> columns) {
        String[] columnNames() {
            return columns.stream().map(Column::name).toArray(String[]::new);
        }
    }

    static final String BIGINT = "bigint";
    static final String INTEGER = "integer";
    static final String VARCHAR = "varchar";
    static final String MONEY = "decimal(12,2)";
    static final String BOOLEAN = "boolean";
    static final String TIMESTAMP = "timestamp";

    static final Table STORES = new Table("stores", "store_id", List.of(
            col("store_id", BIGINT), col("name", VARCHAR), col("channel", VARCHAR), col("city", VARCHAR),
            col("state", VARCHAR), col("postal_code", VARCHAR), col("country", VARCHAR),
            col("opened_at", TIMESTAMP)));
    static final Table CUSTOMERS = new Table("customers", "customer_id", List.of(
            col("customer_id", BIGINT), col("first_name", VARCHAR), col("last_name", VARCHAR),
            col("email", VARCHAR), new Column("phone", VARCHAR, true), col("street", VARCHAR), col("city", VARCHAR),
            col("state", VARCHAR), col("postal_code", VARCHAR), col("country", VARCHAR),
            col("loyalty_tier", VARCHAR), col("signup_at", TIMESTAMP), col("updated_at", TIMESTAMP)));
    static final Table PRODUCTS = new Table("products", "product_id", List.of(
            col("product_id", BIGINT), col("sku", VARCHAR), col("name", VARCHAR), col("category", VARCHAR),
            col("subcategory", VARCHAR), col("brand", VARCHAR), col("unit_price", MONEY), col("unit_cost", MONEY),
            col("is_active", BOOLEAN), col("created_at", TIMESTAMP), col("updated_at", TIMESTAMP)));
    static final Table ORDERS = new Table("orders", "order_id", List.of(
            col("order_id", BIGINT), col("customer_id", BIGINT), col("store_id", BIGINT), col("channel", VARCHAR),
            col("status", VARCHAR), col("order_at", TIMESTAMP), col("updated_at", TIMESTAMP)));
    static final Table ORDER_ITEMS = new Table("order_items", "order_item_id", List.of(
            col("order_item_id", BIGINT), col("order_id", BIGINT), col("line_number", INTEGER),
            col("product_id", BIGINT), col("quantity", INTEGER), col("unit_price", MONEY),
            col("discount_amount", MONEY)));
    static final Table PAYMENTS = new Table("payments", "payment_id", List.of(
            col("payment_id", BIGINT), col("order_id", BIGINT), col("method", VARCHAR), col("status", VARCHAR),
            col("amount", MONEY), col("paid_at", TIMESTAMP)));

    static final List<Table> ALL = List.of(STORES, CUSTOMERS, PRODUCTS, ORDERS, ORDER_ITEMS, PAYMENTS);

    private Tables() {
    }

    private static Column col(String name, String type) {
        return new Column(name, type, false);
    }

    static Table byName(String name) {
        for (Table t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown table '" + name + "', expected one of " + names());
    }

    static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Table t : ALL) {
            out.add(t.name());
        }
        return List.copyOf(out);
    }

    static Map<String, Object> schema() {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (Table t : ALL) {
            List<Map<String, Object>> columns = new ArrayList<>();
            for (Column c : t.columns()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("type", c.type());
                m.put("nullable", c.nullable());
                columns.add(m);
            }
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("key", t.key());
            table.put("columns", columns);
            tables.put(t.name(), table);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_order", names());
        out.put("tables", tables);
        return out;
    }
}
