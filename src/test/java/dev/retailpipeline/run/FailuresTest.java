package dev.retailpipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;

import dev.retailpipeline.warehouse.SqlFileException;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;

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
    void whatAStatementComputesWrongIsItsStepsFaultAndNotRetried() {
        for (SQLException e : List.of(
                new SQLException("Out of Range Error: Overflow in addition of INT32 (2147483647 + 1)!"),
                new SQLException("Constraint Error: Duplicate key \"id: 1\" violates primary key constraint"),
                new SQLException("Invalid Input Error: my model found a problem"),
                new SQLException("ERROR: duplicate key value violates unique constraint", "23505"),
                new SQLException("ERROR: division by zero", "22012"),
                new SQLException("ERROR: my model found a problem", "P0001"))) {
            assertThat(Failures.permanent(e)).as(e.getMessage()).isTrue();
            assertThat(Failures.reason(e, "etl 30_facts/35_model.sql"))
                    .startsWith("SQL step 30_facts/35_model.sql failed: ");
        }
    }

    @Test
    void aDatabaseTakenDownByAFatalErrorIsTheWarehousesFaultAndRetried() {
        for (SQLException e : List.of(
                new SQLException("FATAL Error: Failed to create checkpoint because of error: No space left on device"),
                new SQLException("Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result"),
                new SQLException("IO Error: Could not write file \"retail.duckdb\": No space left on device"),
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))) {
            assertThat(Failures.permanent(e)).as(e.getMessage()).isFalse();
            assertThat(Failures.reason(e, "etl 30_facts/10_fct_sales.sql")).startsWith("the warehouse failed: ");
        }
    }

    @Test
    void aSqlFileThatCannotBeReadIsTheFilesFault() {
        var notUtf8 = new SqlFileException("30_facts/28_latin1.sql", "is not UTF-8 text: save it as UTF-8",
                new java.nio.charset.MalformedInputException(1));
        RuntimeException wrapped = new RuntimeException(notUtf8);
        assertThat(Failures.permanent(wrapped)).isTrue();
        assertThat(Failures.failedStep(wrapped, "load raw_batch_summary")).isEqualTo("etl 30_facts/28_latin1.sql");
        assertThat(Failures.reason(wrapped, "load raw_batch_summary"))
                .isEqualTo("SQL file 30_facts/28_latin1.sql is not UTF-8 text: save it as UTF-8");
    }

    @Test
    void aPipelineRouteThatIsNotRunningIsNamedNotTheWarehouse() {
        var exchange = new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        var missing = new DirectConsumerNotAvailableException(
                "No consumers available on endpoint: direct://etl-chunk", exchange);
        assertThat(Failures.permanent(missing)).isTrue();
        assertThat(Failures.reason(missing, "load raw_batch_summary"))
                .startsWith("no route is running for direct://etl-chunk: a route file failed to load");
    }

    @Test
    void aStopDuringARunIsNamedAndNotRetried() {
        var stopped = new ShuttingDownException("the service was stopped (SIGTERM or shutdown) during the run");
        assertThat(Failures.permanent(stopped)).isTrue();
        assertThat(Failures.reason(new RuntimeException(stopped), "commit")).startsWith("the service was stopped");
    }

    @Test
    void aRefusedConnectionWhileFetchingBlamesTheGenerator() {
        assertThat(Failures.reason(new ConnectException("Connection refused"), "fetch"))
                .isEqualTo("the generator is unreachable: Connection refused");
    }
}
