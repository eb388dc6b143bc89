package dev.retailpipeline.etl;

import java.util.Map;

/** The SQL ETL on a DuckDB file in a temporary folder. */
class DuckDbEtlTest extends EtlContract {
    @Override
    Map<String, String> newWarehouse(String name) {
        return Map.of("warehouse.url", "jdbc:duckdb:" + tmp.resolve(name + ".duckdb"));
    }
}
