package dev.retailpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import dev.retailpipeline.warehouse.SharedTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements the Databricks loader sends, without a Databricks workspace: a connection that records them and
 * answers COPY INTO's row of counts as the Databricks driver does.
 */
class DatabricksRawLoaderTest {

    @TempDir
    Path local;

    private final List<String> sent = new ArrayList<>();
    private final List<String> stagedWhenCopied = new ArrayList<>();

    @Test
    void aTableIsUploadedIntoTheVolumeCopiedIntoItsRawTableAndRemoved() throws Exception {
        DatabricksRawLoader loader = new DatabricksRawLoader(recording(3), local, "/Volumes/main/retail/stage/");
        String rows = "{\"store_id\":\"1\",\"_batch_hour\":\"2025-01-01 00:00:00\"}\n".repeat(3);

        long loaded = loader.load(new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)), "STORES", 3,
                "20250101000000-0001-abcd", "2025-01-01 00:00:05.000", null);

        assertThat(loaded).isEqualTo(3);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).matches("PUT '" + local + "/stores-[0-9a-f-]+\\.json' INTO "
                + "'/Volumes/main/retail/stage/stores-[0-9a-f-]+\\.json' OVERWRITE");
        String file = sent.get(0).replaceAll(".* INTO '([^']+)'.*", "$1");
        assertThat(sent.get(1)).startsWith("COPY INTO raw_stores FROM (SELECT cast(`store_id` as string) as store_id, ")
                .contains("cast(`_batch_hour` as timestamp) as batch_hour, '20250101000000-0001-abcd' as run_id, "
                        + "cast('2025-01-01 00:00:05.000' as timestamp) as loaded_at FROM '" + file + "')")
                .endsWith("FILEFORMAT = JSON FORMAT_OPTIONS ('primitivesAsString' = 'true') COPY_OPTIONS ('force' = 'true')");
        assertThat(sent.get(2)).isEqualTo("REMOVE '" + file + "'");
        assertThat(stagedWhenCopied).containsExactly(rows);
        assertThat(Files.list(local)).as("the local staged file is deleted").isEmpty();
    }

    @Test
    void aCopyThatInsertsFewerRowsThanSentFailsTheLoad() {
        DatabricksRawLoader loader = new DatabricksRawLoader(recording(2), local, "/Volumes/main/retail/stage");
        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream("{}\n{}\n{}\n".getBytes(StandardCharsets.UTF_8)),
                "STORES", 3, "r-1", "2025-01-01 00:00:05", null))
                .hasMessageContaining("loaded 2 rows into raw_stores but the chunk has 3");
    }

    @Test
    void theStageMustBeAVolumeFolder() {
        assertThatThrownBy(() -> new DatabricksRawLoader(recording(0), local, "/tmp/stage"))
                .hasMessageContaining("/Volumes/");
        assertThatThrownBy(() -> new DatabricksRawLoader(recording(0), local, "/Volumes/a/b/c'; drop table x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheRunsOwnIdAndTimeAreWrittenIntoTheCopy() {
        assertThatThrownBy(() -> DatabricksRawLoader.copySql(RawTable.STORES, "/Volumes/a/b/c/f.json", "x' or '1", "2025-01-01 00:00:00"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A data source whose connection records each statement; COPY INTO answers num_inserted_rows = inserted. */
    private DataSource recording(long inserted) {
        Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "execute", "executeQuery" -> {
                        String sql = (String) args[0];
                        sent.add(sql);
                        if (sql.startsWith("COPY INTO")) {
                            stagedWhenCopied.addAll(stagedFiles());
                            yield counts(inserted);
                        }
                        yield method.getName().equals("execute") ? Boolean.FALSE : null;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "createStatement" -> statement;
                    case "close" -> null;
                    case "isClosed" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        // the chunk's shared connection, as the product hands it to the loader (no transactions: Databricks)
        SharedTransaction transaction = new SharedTransaction(false);
        try {
            transaction.begin(connection);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return transaction;
    }

    private List<String> stagedFiles() {
        try (var files = Files.list(local)) {
            List<String> out = new ArrayList<>();
            for (Path p : (Iterable<Path>) files::iterator) {
                out.add(Files.readString(p));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ResultSet counts(long inserted) {
        ResultSetMetaData meta = (ResultSetMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getColumnCount" -> 2;
                    case "getColumnLabel" -> (int) args[0] == 1 ? "num_affected_rows" : "num_inserted_rows";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        boolean[] read = {false};
        return (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> {
                        boolean first = !read[0];
                        read[0] = true;
                        yield first;
                    }
                    case "getMetaData" -> meta;
                    case "getLong" -> inserted;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
