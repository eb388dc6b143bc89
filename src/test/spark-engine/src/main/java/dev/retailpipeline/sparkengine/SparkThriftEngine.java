package dev.retailpipeline.sparkengine;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * Apache Spark 3.5 with Delta Lake, its Thrift Server bound to 127.0.0.1 (binary transport): the engine the Spark
 * warehouse's tests point the application at ({@code jdbc:hive2://127.0.0.1:PORT/default}). Tables are Delta by
 * default and kept in an embedded Derby metastore under the home folder, so they survive a restart of the engine.
 *
 * <p>Usage: {@code SparkThriftEngine PORT HOME}; prints {@code spark-engine ready on PORT} once it accepts
 * connections, and runs until killed.
 */
public final class SparkThriftEngine {

    private SparkThriftEngine() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(home);
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("retail-pipeline-test-engine")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.legacy.createHiveTableByDefault", "false")
                .config("spark.sql.sources.default", "delta")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.warehouse.dir", home.resolve("warehouse").toString())
                .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                        "jdbc:derby:;databaseName=" + home.resolve("metastore") + ";create=true")
                .config("spark.hadoop.hive.server2.thrift.port", String.valueOf(port))
                .config("spark.hadoop.hive.server2.thrift.bind.host", "127.0.0.1")
                .config("spark.hadoop.hive.server2.transport.mode", "binary")
                .enableHiveSupport()
                .getOrCreate();
        HiveThriftServer2.startWithContext(spark.sqlContext());
        System.out.println("spark-engine ready on " + port);
        Thread.currentThread().join();
    }
}
