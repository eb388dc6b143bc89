package dev.retailpipeline.ingest;

import dev.retailpipeline.warehouse.Dialect;
import java.nio.file.Path;

/** Chooses the bulk loader of a warehouse dialect. */
public final class RawLoaders {
    private RawLoaders() {
    }

    /** A new loader for the dialect; DuckDB stages its files under {@code stagingDir}. */
    public static RawLoader forDialect(Dialect dialect, Path stagingDir) {
        return switch (dialect) {
            case DUCKDB -> new DuckDbRawLoader(stagingDir);
            case POSTGRES -> new PostgresRawLoader();
            case DATABRICKS -> throw new UnsupportedOperationException(
                    "the Databricks raw loader (multi-row inserts or staged files) is not built yet");
        };
    }

    /** A new loader for the dialect; DuckDB stages its files in the temp folder. */
    public static RawLoader forDialect(Dialect dialect) {
        return forDialect(dialect, Path.of(System.getProperty("java.io.tmpdir"), "retail-pipeline-staging"));
    }
}
