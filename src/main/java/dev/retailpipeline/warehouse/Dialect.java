package dev.retailpipeline.warehouse;

import java.util.List;
import java.util.Locale;

/** The warehouse databases the pipeline speaks to, told apart by their JDBC URL. */
public enum Dialect {
    DUCKDB("duckdb", List.of("jdbc:duckdb:")),
    POSTGRES("postgres", List.of("jdbc:postgresql:")),
    /**
     * Spark SQL on Delta tables: a Databricks SQL warehouse ({@code jdbc:databricks:}) or an Apache Spark Thrift
     * Server ({@code jdbc:hive2:}). No multi-statement transactions; see {@link SparkSql} for its quirks.
     */
    SPARK("spark", List.of("jdbc:databricks:", "jdbc:hive2:", "jdbc:spark:"));

    private final String folder;
    private final List<String> urlPrefixes;

    Dialect(String folder, List<String> urlPrefixes) {
        this.folder = folder;
        this.urlPrefixes = urlPrefixes;
    }

    /** Name of the dialect's own folder under {@code sql/}, e.g. {@code postgres}. */
    public String folder() {
        return folder;
    }

    /** Whether several statements can commit or roll back as one (DuckDB, PostgreSQL; not Delta on Spark). */
    public boolean hasTransactions() {
        return this != SPARK;
    }

    /** A statement written in the portable SQL (as {@code sql/} is), as this database takes it. */
    public String sql(String portable) {
        return this == SPARK ? SparkSql.types(portable) : portable;
    }

    /** The dialect of a JDBC URL; throws IllegalArgumentException for a database the pipeline does not know. */
    public static Dialect fromUrl(String jdbcUrl) {
        if (jdbcUrl != null) {
            String url = jdbcUrl.trim().toLowerCase(Locale.ROOT);
            for (Dialect d : values()) {
                for (String prefix : d.urlPrefixes) {
                    if (url.startsWith(prefix)) {
                        return d;
                    }
                }
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:duckdb:, jdbc:postgresql:, "
                + "jdbc:databricks: or jdbc:hive2:): " + Warehouse.maskUrl(jdbcUrl));
    }
}
