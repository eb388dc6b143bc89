package dev.retailpipeline.warehouse;

import java.util.Locale;

/** The warehouse databases the pipeline speaks to, told apart by their JDBC URL. */
public enum Dialect {
    DUCKDB("duckdb", "jdbc:duckdb:"),
    POSTGRES("postgres", "jdbc:postgresql:"),
    DATABRICKS("databricks", "jdbc:databricks:");

    private final String folder;
    private final String urlPrefix;

    Dialect(String folder, String urlPrefix) {
        this.folder = folder;
        this.urlPrefix = urlPrefix;
    }

    /** Name of the dialect's own folder under {@code sql/}, e.g. {@code postgres}. */
    public String folder() {
        return folder;
    }

    /** The dialect of a JDBC URL; throws IllegalArgumentException for a database the pipeline does not know. */
    public static Dialect fromUrl(String jdbcUrl) {
        if (jdbcUrl != null) {
            String url = jdbcUrl.trim().toLowerCase(Locale.ROOT);
            for (Dialect d : values()) {
                if (url.startsWith(d.urlPrefix)) {
                    return d;
                }
            }
            if (url.startsWith("jdbc:spark:")) {
                return DATABRICKS;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:duckdb:, jdbc:postgresql: or "
                + "jdbc:databricks:): " + Warehouse.maskUrl(jdbcUrl));
    }

    /** The dialect named by {@code duckdb}, {@code postgres}/{@code postgresql} or {@code databricks}. */
    public static Dialect fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "duckdb" -> DUCKDB;
            case "postgres", "postgresql" -> POSTGRES;
            case "databricks" -> DATABRICKS;
            default -> throw new IllegalArgumentException("unknown dialect: " + name);
        };
    }
}
