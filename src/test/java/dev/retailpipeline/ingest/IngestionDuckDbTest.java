package dev.retailpipeline.ingest;

import java.util.Map;

/** Ingestion into an embedded DuckDB file. */
class IngestionDuckDbTest extends IngestionContract {

    @Override
    Map<String, String> warehouse() {
        return Map.of("warehouse.url", "jdbc:duckdb:" + dir.resolve("warehouse.duckdb"));
    }
}
