package dev.retailpipeline.run;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.retailpipeline.time.HourRange;
import dev.retailpipeline.warehouse.Warehouse;

/**
 * The shop a warehouse is loaded from: seed, scale, dirty rate and the hour it opened. Another shop's ids collide
 * with this one's, so a warehouse holds one: it records its source with its first chunk (table
 * {@code warehouse_source}) and a run from another source is refused, naming both.
 */
public record ShopSource(long seed, BigDecimal scale, BigDecimal dirty, long shopStartHour) {

    public static ShopSource of(long seed, double scale, double dirty, long shopStartHour) {
        return new ShopSource(seed, BigDecimal.valueOf(scale), BigDecimal.valueOf(dirty), shopStartHour);
    }

    public boolean sameAs(ShopSource other) {
        return seed == other.seed && scale.compareTo(other.scale) == 0 && dirty.compareTo(other.dirty) == 0
                && shopStartHour == other.shopStartHour;
    }

    /** As shown in an error body. */
    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("seed", seed);
        v.put("scale", scale.stripTrailingZeros().toPlainString());
        v.put("dirty", dirty.stripTrailingZeros().toPlainString());
        v.put("shop_start", HourRange.formatHour(shopStartHour));
        return v;
    }

    @Override
    public String toString() {
        return "seed " + seed + ", scale " + scale.stripTrailingZeros().toPlainString() + ", dirty "
                + dirty.stripTrailingZeros().toPlainString() + ", shop start " + HourRange.formatHour(shopStartHour);
    }

    /** The source recorded by the warehouse, if any. */
    public static Optional<ShopSource> recorded(Warehouse warehouse) throws SQLException {
        try (Connection c = warehouse.connect(); PreparedStatement ps = c.prepareStatement(warehouse.dialect().sql(
                "select seed, scale, dirty, cast(shop_start as varchar) from warehouse_source"));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String start = rs.getString(4);
            long startHour = HourRange.parseHour(start.substring(0, 13).replace(' ', 'T'));
            return Optional.of(new ShopSource(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3), startHour));
        }
    }

    /** Records this source on the chunk's connection unless the warehouse has one already. */
    public void recordIfAbsent(Connection c, Instant at) throws SQLException {
        try (PreparedStatement check = c.prepareStatement("select count(*) from warehouse_source");
             ResultSet rs = check.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into warehouse_source (seed, scale, dirty, shop_start,"
                + " recorded_at) values (?, ?, ?, cast(? as timestamp), cast(? as timestamp))")) {
            ps.setLong(1, seed);
            ps.setBigDecimal(2, scale);
            ps.setBigDecimal(3, dirty);
            ps.setString(4, HourRange.sqlTimestamp(shopStartHour));
            ps.setString(5, RunLedger.ts(at));
            ps.executeUpdate();
        }
    }
}
