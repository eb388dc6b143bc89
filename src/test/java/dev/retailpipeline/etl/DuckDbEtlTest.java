package dev.retailpipeline.etl;

import dev.retailpipeline.warehouse.Warehouse;

/** The SQL ETL on a DuckDB file in a temporary folder. */
class DuckDbEtlTest extends EtlContract {
    @Override
    Warehouse newWarehouse(String name) {
        return Warehouse.of("jdbc:duckdb:" + tmp.resolve(name + ".duckdb"));
    }
}
