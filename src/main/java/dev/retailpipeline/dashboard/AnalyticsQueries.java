package dev.retailpipeline.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.retailpipeline.warehouse.Warehouse;
import dev.retailpipeline.web.BadRequestException;
import dev.retailpipeline.web.JsonReply;
import dev.retailpipeline.web.NotFoundException;
import dev.retailpipeline.web.QueryParameters;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's analytics over the marts (fct_sales and its dimensions), the endpoints of
 * routes/dashboard.camel.yaml. Each answers JSON with the filters it applied under {@code filters}. The SQL is in
 * src/main/resources/dashboard/sql/, each query a select from the {@code filtered_sales} CTE.
 * Before the first ETL run (no marts yet) every endpoint answers empty figures instead of failing. Once the marts
 * exist, answers are kept in an {@link AnalyticsCache} by endpoint and query string; the run route forgets them
 * when its ETL commits ({@link #invalidateCache()}) and computes the page's default view ({@link #warmCache()})
 * before the ledger says the run succeeded.
 */
public final class AnalyticsQueries {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsQueries.class);
    private static final int MONEY_SCALE = 2;

    /** The requests the page makes when opened without filters: what {@link #warmCache()} computes. */
    private static final List<String> DEFAULT_VIEW = List.of("options", "view?grain=day");
    /** The parameters an endpoint takes besides the filters. */
    private static final Map<String, Set<String>> EXTRA_PARAMETERS = Map.of(
            "revenue", Set.of("grain"), "top-products", Set.of("limit"), "top-customers", Set.of("limit"));

    private final Warehouse warehouse;
    private final Clock clock;
    private final int defaultDays;
    private final AnalyticsCache cache;
    private final Map<String, NamedSql> queries = new LinkedHashMap<>();
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /** The parts of the page, each also an endpoint of its own, in the order /api/analytics/view gives them. */
    private final Map<String, FilteredQuery> views = new LinkedHashMap<>();
    private volatile boolean martsReady;
    private final java.util.concurrent.Semaphore querying = new java.util.concurrent.Semaphore(2, true);

    public AnalyticsQueries(Warehouse warehouse, Clock clock, int defaultDays, AnalyticsCache cache) {
        this.warehouse = warehouse;
        this.clock = clock;
        this.defaultDays = defaultDays;
        this.cache = cache;
        String base = NamedSql.resource("filtered_sales");
        for (String name : List.of("summary", "revenue_by_day", "categories", "top_products", "top_customers",
                "stores", "heatmap", "channels")) {
            queries.put(name, NamedSql.of(warehouse.dialect().sql(
                    "with filtered_sales as (\n" + base + "\n)\n" + NamedSql.resource(name))));
        }
        queries.put("options", NamedSql.of(warehouse.dialect().sql(NamedSql.resource("options"))));
        queries.put("sales_days", NamedSql.of(warehouse.dialect().sql(NamedSql.resource("sales_days"))));
        views.put("summary", this::summary);
        views.put("revenue", this::revenue);
        views.put("categories", (c, f, q) -> Map.of("categories", rows(c, "categories", f, Integer.MAX_VALUE)));
        views.put("channels", (c, f, q) -> Map.of("channels", rows(c, "channels", f, Integer.MAX_VALUE)));
        views.put("regions", this::regions);
        views.put("heatmap", this::heatmap);
        views.put("top-products", (c, f, q) -> Map.of("products", rows(c, "top_products", f, q.integer("limit", 10, 1, 100))));
        views.put("top-customers", (c, f, q) -> Map.of("customers", rows(c, "top_customers", f, q.integer("limit", 10, 1, 100))));
        views.forEach((name, query) -> filtered(name, EXTRA_PARAMETERS.getOrDefault(name, Set.of()), query));
        filtered("view", Set.of("grain"), (c, f, q) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            for (Map.Entry<String, FilteredQuery> view : views.entrySet()) {
                body.put(view.getKey().replace('-', '_'), view.getValue().run(c, f, q));
            }
            return body;
        });
        endpoints.put("options", new Endpoint(Set.of(), (c, q) -> options(c)));
    }

    /**
     * GET /api/analytics/{endpoint}, the endpoint named by the last segment of the path: summary, revenue,
     * categories, channels, regions, heatmap, top-products, top-customers (their bodies described in
     * routes/dashboard.camel.yaml and api/openapi.yaml), view (what the page shows, in one answer: the filters
     * applied, then each of those bodies without its filters, the top lists at their default limit) and options
     * (what the filters can choose from, and the days with sales).
     */
    public void answer(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String name = path.substring(path.lastIndexOf('/') + 1);
        Endpoint endpoint = endpoints.get(name);
        if (endpoint == null) {
            throw new NotFoundException("no analytics endpoint " + path);
        }
        QueryParameters parameters = QueryParameters.of(exchange, endpoint.allowed());
        JsonReply.writeEncoded(exchange, 200, body(name, endpoint, parameters));
    }

    /** Forgets the kept answers: a run's ETL has changed the marts. */
    public void invalidateCache() {
        cache.invalidate();
    }

    /**
     * Computes the answers the page asks for when opened without filters, so its first render finds them kept. The
     * run route calls it before the ledger says the run succeeded, so a page that refreshes then is answered from
     * the cache. A failure here is logged, not thrown: the run's data is loaded either way, and the page will
     * compute the answer itself (and show the error, if it is one).
     */
    public void warmCache() {
        for (String request : DEFAULT_VIEW) {
            int q = request.indexOf('?');
            String name = q < 0 ? request : request.substring(0, q);
            Endpoint endpoint = endpoints.get(name);
            try {
                body(name, endpoint, QueryParameters.parse(q < 0 ? "" : request.substring(q + 1), endpoint.allowed()));
            } catch (RuntimeException e) {
                LOG.warn("Could not prepare the dashboard's {} answer: {}", request,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private byte[] body(String name, Endpoint endpoint, QueryParameters parameters) {
        if (!martsReady) {
            // before the first ETL run the default range depends on the clock, not on the data: nothing is kept then
            try (Connection c = warehouse.connect()) {
                if (!martsReady(c)) {
                    return compute(c, name, endpoint, parameters);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("analytics query " + name + " failed: " + e.getMessage(), e);
            }
        }
        String key = name + "?" + parameters.canonical();
        return cache.get(key, () -> {
            // a few queries at a time, so that many clients at once cannot take DuckDB past its memory limit; a
            // client that waited finds the answer another one computed meanwhile
            try {
                querying.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the warehouse", e);
            }
            try (Connection c = warehouse.connect()) {
                byte[] done = cache.peek(key);
                return done != null ? done : compute(c, name, endpoint, parameters);
            } catch (SQLException e) {
                throw new IllegalStateException("analytics query " + name + " failed: " + e.getMessage(), e);
            } finally {
                querying.release();
            }
        });
    }

    private static byte[] compute(Connection c, String name, Endpoint endpoint, QueryParameters parameters) throws SQLException {
        return JsonReply.bytes(endpoint.query().run(c, parameters));
    }

    /** How many answers are kept (for tests). */
    int keptAnswers() {
        return cache.size();
    }

    @FunctionalInterface
    private interface Query {
        Map<String, Object> run(Connection c, QueryParameters query) throws SQLException;
    }

    @FunctionalInterface
    private interface FilteredQuery {
        Map<String, Object> run(Connection c, AnalyticsFilter filter, QueryParameters query) throws SQLException;
    }

    private record Endpoint(Set<String> allowed, Query query) {
    }

    /** An endpoint that takes the filters: its body carries the filters applied under {@code filters}. */
    private void filtered(String name, Set<String> extra, FilteredQuery query) {
        Set<String> allowed = new HashSet<>(AnalyticsFilter.NAMES);
        allowed.addAll(extra);
        endpoints.put(name, new Endpoint(Set.copyOf(allowed), (c, parameters) -> {
            AnalyticsFilter filter = AnalyticsFilter.parse(parameters, defaultDays, () -> salesDays(c));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("filters", filter.view());
            body.putAll(query.run(c, filter, parameters));
            return body;
        }));
    }

    /** summary: revenue, orders, average order value, units, customers, and their change. */
    private Map<String, Object> summary(Connection c, AnalyticsFilter f, QueryParameters q) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> current = figures(c, f);
        AnalyticsFilter p = f.previous();
        Map<String, Object> previous = figures(c, p);
        body.put("current", current);
        Map<String, Object> prev = new LinkedHashMap<>();
        prev.put("from", p.from().toString());
        prev.put("to", p.to().toString());
        prev.putAll(previous);
        body.put("previous", prev);
        Map<String, Object> change = new LinkedHashMap<>();
        for (String k : current.keySet()) {
            change.put(k, change((Number) current.get(k), (Number) previous.get(k)));
        }
        body.put("change", change);
        return body;
    }

    private Map<String, Object> figures(Connection c, AnalyticsFilter f) throws SQLException {
        Map<String, Object> figures = new LinkedHashMap<>();
        BigDecimal revenue = BigDecimal.ZERO;
        long orders = 0;
        long units = 0;
        long customers = 0;
        if (martsReady(c)) {
            try (PreparedStatement ps = queries.get("summary").prepare(c, f.parameters()); ResultSet rs = ps.executeQuery()) {
                rs.next();
                revenue = money(rs.getBigDecimal("revenue"));
                orders = rs.getLong("orders");
                units = rs.getLong("units");
                customers = rs.getLong("customers");
            }
        }
        figures.put("revenue", money(revenue));
        figures.put("orders", orders);
        figures.put("average_order_value", orders == 0 ? BigDecimal.ZERO.setScale(MONEY_SCALE)
                : revenue.divide(BigDecimal.valueOf(orders), MONEY_SCALE, RoundingMode.HALF_UP));
        figures.put("units", units);
        figures.put("customers", customers);
        return figures;
    }

    private static Double change(Number current, Number previous) {
        double prev = previous.doubleValue();
        if (prev == 0) {
            return null;
        }
        return Math.round((current.doubleValue() - prev) / prev * 10000) / 10000.0;
    }

    /** revenue?grain=day|week|month: revenue, orders, units per period (weeks start Monday). */
    private Map<String, Object> revenue(Connection c, AnalyticsFilter f, QueryParameters q) throws SQLException {
        String grain = q.text("grain", "day");
        if (!Set.of("day", "week", "month").contains(grain)) {
            throw new BadRequestException("grain", "'grain' must be day, week or month; got '" + grain + "'");
        }
        TreeMap<LocalDate, Object[]> periods = new TreeMap<>();
        for (LocalDate d = f.from(); d.isBefore(f.to()); d = d.plusDays(1)) {
            periods.computeIfAbsent(periodStart(d, grain), k -> new Object[]{BigDecimal.ZERO, 0L, 0L});
        }
        for (Map<String, Object> row : rows(c, "revenue_by_day", f, Integer.MAX_VALUE)) {
            LocalDate day = AnalyticsFilter.day(((Number) row.get("date_key")).intValue());
            Object[] sums = periods.computeIfAbsent(periodStart(day, grain), k -> new Object[]{BigDecimal.ZERO, 0L, 0L});
            sums[0] = ((BigDecimal) sums[0]).add((BigDecimal) row.get("revenue"));
            sums[1] = (Long) sums[1] + ((Number) row.get("orders")).longValue();
            sums[2] = (Long) sums[2] + ((Number) row.get("units")).longValue();
        }
        List<Map<String, Object>> points = new ArrayList<>();
        periods.forEach((start, sums) -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("period", start.toString());
            point.put("revenue", money((BigDecimal) sums[0]));
            point.put("orders", sums[1]);
            point.put("units", sums[2]);
            points.add(point);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grain", grain);
        body.put("points", points);
        return body;
    }

    private static LocalDate periodStart(LocalDate day, String grain) {
        return switch (grain) {
            case "week" -> day.with(DayOfWeek.MONDAY);
            case "month" -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    /** regions: revenue per store and per state (the stores' states). */
    private Map<String, Object> regions(Connection c, AnalyticsFilter f, QueryParameters q) throws SQLException {
        List<Map<String, Object>> stores = rows(c, "stores", f, Integer.MAX_VALUE);
        Map<String, Map<String, Object>> states = new LinkedHashMap<>();
        for (Map<String, Object> store : stores) {
            String state = store.get("state") == null ? "unknown" : store.get("state").toString();
            Map<String, Object> s = states.computeIfAbsent(state, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("state", k);
                m.put("revenue", money(BigDecimal.ZERO));
                m.put("orders", 0L);
                m.put("stores", 0L);
                return m;
            });
            s.put("revenue", ((BigDecimal) s.get("revenue")).add((BigDecimal) store.get("revenue")));
            s.put("orders", (Long) s.get("orders") + ((Number) store.get("orders")).longValue());
            s.put("stores", (Long) s.get("stores") + 1);
        }
        List<Map<String, Object>> byState = new ArrayList<>(states.values());
        byState.sort((a, b) -> ((BigDecimal) b.get("revenue")).compareTo((BigDecimal) a.get("revenue")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("states", byState);
        body.put("stores", stores);
        return body;
    }

    /** heatmap: revenue and orders per weekday (1 = Monday .. 7) and hour (0..23), every cell. */
    private Map<String, Object> heatmap(Connection c, AnalyticsFilter f, QueryParameters q) throws SQLException {
        Map<Integer, Map<String, Object>> found = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(c, "heatmap", f, Integer.MAX_VALUE)) {
            int weekday = ((Number) row.get("iso_weekday")).intValue();
            int hour = ((Number) row.get("order_hour")).intValue();
            found.put(weekday * 100 + hour, row);
        }
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int weekday = 1; weekday <= 7; weekday++) {
            for (int hour = 0; hour < 24; hour++) {
                Map<String, Object> row = found.get(weekday * 100 + hour);
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("weekday", weekday);
                cell.put("hour", hour);
                cell.put("revenue", row == null ? money(BigDecimal.ZERO) : row.get("revenue"));
                cell.put("orders", row == null ? 0L : ((Number) row.get("orders")).longValue());
                cells.add(cell);
            }
        }
        return Map.of("cells", cells);
    }

    /** options: what the filters can choose from, and the days with sales. */
    private Map<String, Object> options(Connection c) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> categories = new ArrayList<>();
        List<Map<String, Object>> stores = new ArrayList<>();
        String firstDay = null;
        String lastDay = null;
        if (martsReady(c)) {
            try (PreparedStatement ps = queries.get("options").prepare(c, Map.of()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString("value");
                    switch (rs.getString("kind")) {
                        case "category" -> categories.add(value);
                        case "store" -> {
                            Map<String, Object> store = new LinkedHashMap<>();
                            store.put("store_id", Long.parseLong(value));
                            store.put("store_name", rs.getString("label"));
                            store.put("channel", rs.getString("channel"));
                            stores.add(store);
                        }
                        case "first_day" -> firstDay = value == null ? null : AnalyticsFilter.day(Integer.parseInt(value)).toString();
                        case "last_day" -> lastDay = value == null ? null : AnalyticsFilter.day(Integer.parseInt(value)).toString();
                        default -> { }
                    }
                }
            }
        }
        categories.sort(null);
        stores.sort((a, b) -> Long.compare((Long) a.get("store_id"), (Long) b.get("store_id")));
        body.put("categories", categories);
        body.put("stores", stores);
        body.put("channels", List.of("store", "web", "mobile"));
        body.put("first_day", firstDay);
        body.put("last_day", lastDay);
        body.put("default_days", defaultDays);
        return body;
    }

    private AnalyticsFilter.SalesDays salesDays(Connection c) {
        try {
            if (martsReady(c)) {
                try (PreparedStatement ps = queries.get("sales_days").prepare(c, Map.of()); ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject("last_key") != null) {
                        return new AnalyticsFilter.SalesDays(AnalyticsFilter.day(rs.getInt("first_key")),
                                AnalyticsFilter.day(rs.getInt("last_key")));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the days with sales", e);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new AnalyticsFilter.SalesDays(today, today);
    }

    /** The rows of one query (at most {@code limit}), column name to value; decimals as money. */
    private List<Map<String, Object>> rows(Connection c, String name, AnalyticsFilter filter, int limit) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!martsReady(c)) {
            return rows;
        }
        try (PreparedStatement ps = queries.get(name).prepare(c, filter.parameters())) {
            if (limit < Integer.MAX_VALUE) {
                ps.setMaxRows(limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next() && rows.size() < limit) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        if (value instanceof BigDecimal d) {
                            value = money(d);
                        } else if (value instanceof java.math.BigInteger b) {
                            value = b.longValue();
                        }
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(MONEY_SCALE) : value.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    /** Whether the ETL has created the marts yet (remembered once true). */
    private boolean martsReady(Connection c) throws SQLException {
        if (!martsReady) {
            DatabaseMetaData meta = c.getMetaData();
            boolean all = true;
            for (String table : List.of("fct_sales", "dim_product", "dim_customer", "dim_store", "dim_date")) {
                try (ResultSet rs = meta.getTables(null, null, table, new String[]{"TABLE", "BASE TABLE"})) {
                    all &= rs.next();
                }
            }
            martsReady = all;
        }
        return martsReady;
    }
}
