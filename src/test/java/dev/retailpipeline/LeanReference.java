package dev.retailpipeline;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lean set-based reference the end-to-end benchmark sets the product against: the same hours' rows, fetched from
 * the running application's generator API and written as one NDJSON file per table (not timed), then, timed, in one
 * DuckDB transaction: one {@code read_json} per raw table into all-varchar tables, the type 2 customer and product
 * dimensions by window functions, {@code fct_sales} with the versions valid at the order time and {@code fct_orders}
 * by status, each one {@code create table as}; then the commit and a checkpoint. No quarantine, no checks, no
 * increments: what the engine does with these rows when nothing else is asked of it.
 */
final class LeanReference {

    /** The source tables and their columns, as the generator sends them. */
    static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("stores", List.of("store_id", "name", "channel", "city", "state", "postal_code", "country",
                "opened_at"));
        TABLES.put("customers", List.of("customer_id", "first_name", "last_name", "email", "phone", "street", "city",
                "state", "postal_code", "country", "loyalty_tier", "signup_at", "updated_at"));
        TABLES.put("products", List.of("product_id", "sku", "name", "category", "subcategory", "brand", "unit_price",
                "unit_cost", "is_active", "created_at", "updated_at"));
        TABLES.put("orders", List.of("order_id", "customer_id", "store_id", "channel", "status", "order_at",
                "updated_at"));
        TABLES.put("order_items", List.of("order_item_id", "order_id", "line_number", "product_id", "quantity",
                "unit_price", "discount_amount"));
        TABLES.put("payments", List.of("payment_id", "order_id", "method", "status", "amount", "paid_at"));
    }

    private static final String MARTS = """
            create table dim_customer as
            with customer_rows as (
                select distinct cast(customer_id as bigint) as customer_id, first_name, last_name, lower(email) as email,
                    city, state, loyalty_tier, cast(updated_at as timestamp) as updated_at
                from raw_customers
            ),
            versions as (
                select *,
                    row_number() over (partition by customer_id order by updated_at) as version_number,
                    lead(updated_at) over (partition by customer_id order by updated_at) as next_updated_at
                from customer_rows
            )
            select customer_id * 1000 + version_number as customer_key, *,
                case when version_number = 1 then timestamp '1900-01-01' else updated_at end as valid_from,
                coalesce(next_updated_at, timestamp '9999-12-31') as valid_to
            from versions;

            create table dim_product as
            with product_rows as (
                select distinct cast(product_id as bigint) as product_id, name, category, brand,
                    cast(unit_price as decimal(12, 2)) as unit_price, cast(unit_cost as decimal(12, 2)) as unit_cost,
                    cast(updated_at as timestamp) as updated_at
                from raw_products
            ),
            versions as (
                select *,
                    row_number() over (partition by product_id order by updated_at) as version_number,
                    lead(updated_at) over (partition by product_id order by updated_at) as next_updated_at
                from product_rows
            )
            select product_id * 1000 + version_number as product_key, *,
                case when version_number = 1 then timestamp '1900-01-01' else updated_at end as valid_from,
                coalesce(next_updated_at, timestamp '9999-12-31') as valid_to
            from versions;

            create table fct_sales as
            with headers as (
                select cast(order_id as bigint) as order_id, cast(customer_id as bigint) as customer_id,
                    cast(store_id as bigint) as store_id, channel, cast(order_at as timestamp) as order_at
                from raw_orders
                qualify row_number() over (partition by order_id order by updated_at, batch_hour) = 1
            ),
            lines as (
                select cast(order_item_id as bigint) as order_item_id, cast(order_id as bigint) as order_id,
                    cast(product_id as bigint) as product_id, cast(quantity as integer) as quantity,
                    cast(unit_price as decimal(12, 2)) as unit_price,
                    cast(discount_amount as decimal(12, 2)) as discount_amount, batch_hour
                from raw_order_items
            )
            select l.order_item_id, l.order_id,
                cast(strftime(h.order_at, '%Y%m%d') as integer) as date_key,
                coalesce(c.customer_key, -1) as customer_key, coalesce(p.product_key, -1) as product_key,
                coalesce(h.store_id, -1) as store_key, h.channel, l.quantity, l.unit_price,
                cast(l.quantity * l.unit_price as decimal(14, 2)) as gross_amount, l.discount_amount,
                cast(l.quantity * l.unit_price - l.discount_amount as decimal(14, 2)) as net_amount,
                cast(l.quantity * p.unit_cost as decimal(14, 2)) as cost_amount, h.order_at, l.batch_hour
            from lines as l
            left join headers as h on l.order_id = h.order_id
            left join dim_customer as c
                on h.customer_id = c.customer_id and h.order_at >= c.valid_from and h.order_at < c.valid_to
            left join dim_product as p
                on l.product_id = p.product_id and h.order_at >= p.valid_from and h.order_at < p.valid_to;

            create table fct_orders as
            select cast(order_id as bigint) as order_id,
                min(cast(order_at as timestamp)) as placed_at,
                min(case when status = 'paid' then cast(updated_at as timestamp) end) as paid_at,
                min(case when status = 'shipped' then cast(updated_at as timestamp) end) as shipped_at,
                min(case when status = 'delivered' then cast(updated_at as timestamp) end) as delivered_at,
                min(case when status = 'cancelled' then cast(updated_at as timestamp) end) as cancelled_at,
                min(case when status = 'returned' then cast(updated_at as timestamp) end) as returned_at,
                arg_max(status, updated_at) as order_status,
                min(batch_hour) as batch_hour
            from raw_orders
            group by 1
            """;

    /** What the reference measured: source rows, the whole time and the raw load's part of it. */
    record Result(long rows, long millis, long rawMillis) {
        double rowsPerSecond() {
            return rows * 1000.0 / Math.max(1, millis);
        }
    }

    private LeanReference() {
    }

    /**
     * Fetches {@code from} (inclusive) to {@code to} (exclusive) with the snapshot of the hour before, as the run
     * loaded them, into per-table files under {@code work}, then loads and transforms them in a new DuckDB file there.
     */
    static Result measure(String apiUrl, String from, String to, String scale, String memoryLimit, Path work)
            throws Exception {
        Path files = Files.createDirectories(work.resolve("reference"));
        long rows = writeTableFiles(apiUrl + "?from=" + from + "&to=" + to + "&snapshot=true&format=ndjson&scale="
                + scale, files);
        Path db = files.resolve("reference.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            st.execute("set memory_limit = '" + memoryLimit + "'");
            st.execute("set threads = 2");
            long t0 = System.nanoTime();
            st.execute("begin transaction");
            for (var table : TABLES.entrySet()) {
                StringBuilder columns = new StringBuilder();
                for (String column : table.getValue()) {
                    columns.append('\'').append(column).append("': 'VARCHAR', ");
                }
                columns.append("'_batch_hour': 'TIMESTAMP'");
                st.execute("create table raw_" + table.getKey() + " as select * exclude (_batch_hour), _batch_hour as "
                        + "batch_hour from read_json('" + files.resolve(table.getKey() + ".ndjson")
                        + "', format = 'newline_delimited', columns = {" + columns + "})");
            }
            long raw = System.nanoTime() - t0;
            for (String statement : MARTS.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
            st.execute("commit");
            st.execute("checkpoint");
            return new Result(rows, (System.nanoTime() - t0) / 1_000_000, raw / 1_000_000);
        }
    }

    /** Splits the NDJSON stream by table, each row given its batch hour; returns the source rows written. */
    private static long writeTableFiles(String url, Path dir) throws Exception {
        Map<String, BufferedWriter> writers = new HashMap<>();
        for (String table : TABLES.keySet()) {
            writers.put(table, Files.newBufferedWriter(dir.resolve(table + ".ndjson")));
        }
        long rows = 0;
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the reference's fetch got HTTP " + response.statusCode() + ": " + url);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8),
                1 << 20)) {
            String hour = null;
            String line;
            while ((line = in.readLine()) != null) {
                int tableStart = line.indexOf("\"table\":\"") + 9;
                String table = line.substring(tableStart, line.indexOf('"', tableStart));
                int rowStart = line.indexOf("\"row\":") + 6;
                String row = line.substring(rowStart, line.lastIndexOf('}'));
                if (table.equals("_batch")) {
                    int h = row.indexOf("\"hour\":\"") + 8;
                    hour = row.substring(h, row.indexOf('"', h)).replace('T', ' ') + ":00:00";
                }
                BufferedWriter w = writers.get(table);
                if (w != null) {
                    w.write(row, 0, row.length() - 1);
                    w.write(",\"_batch_hour\":\"" + hour + "\"}\n");
                    rows++;
                }
            }
        } finally {
            for (BufferedWriter w : writers.values()) {
                w.close();
            }
        }
        return rows;
    }
}
