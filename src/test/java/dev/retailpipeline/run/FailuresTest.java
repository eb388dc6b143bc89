package dev.retailpipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** A failed run's reason names the party at fault, in words a person reads: no Java class names, no stack. */
class FailuresTest {

    @Test
    void aDatabaseErrorDuringTheEtlBlamesTheWarehouseNotTheGenerator() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new ConnectException("Connection refused"));
        assertThat(Failures.reason(lost, "etl 10_staging/40_stg_orders.sql")).startsWith("the warehouse failed: ");
    }

    @Test
    void javaClassNamesAndServerStackTracesAreLeftOut() {
        RuntimeException wrapped = new RuntimeException("java.lang.IllegalStateException: no ETL transaction is open");
        assertThat(Failures.reason(wrapped, "commit")).isEqualTo("the warehouse failed: no ETL transaction is open");
        SQLException spark = new SQLException("org.apache.hive.service.cli.HiveSQLException: Error running query: "
                + "[X] org.apache.spark.sql.AnalysisException: [X] bad column\n\tat org.apache.spark.Foo(Foo.scala:1)");
        assertThat(Failures.reason(spark, "load raw_orders"))
                .isEqualTo("the warehouse failed: Error running query: [X] [X] bad column")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void aRefusedConnectionWhileFetchingBlamesTheGenerator() {
        assertThat(Failures.reason(new ConnectException("Connection refused"), "fetch"))
                .isEqualTo("the generator is unreachable: Connection refused");
    }
}
