package dev.retailpipeline.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFolderTest {

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aDialectsOwnFileWinsOverThePortableOne(@TempDir Path sql) throws Exception {
        write(sql.resolve("10_staging/stg_orders.sql"), "select 1;");
        write(sql.resolve("postgres/10_staging/stg_orders.sql"), "select 2;");

        assertEquals("select 2;", new SqlFolder(sql, Dialect.POSTGRES).find("10_staging/stg_orders.sql")
                .orElseThrow().text());
        assertEquals("select 1;", new SqlFolder(sql, Dialect.DUCKDB).find("10_staging/stg_orders.sql")
                .orElseThrow().text());
        assertTrue(new SqlFolder(sql, Dialect.DUCKDB).find("10_staging/missing.sql").isEmpty());
    }

    @Test
    void aStageListsPortableAndDialectFilesInPathOrder(@TempDir Path sql) throws Exception {
        write(sql.resolve("20_dim/b.sql"), "select 'b';");
        write(sql.resolve("20_dim/a.sql"), "select 'a';");
        write(sql.resolve("duckdb/20_dim/a.sql"), "select 'duck a';");
        write(sql.resolve("duckdb/20_dim/c.sql"), "select 'duck c';");
        write(sql.resolve("postgres/20_dim/d.sql"), "select 'pg d';");

        List<SqlScript> stage = new SqlFolder(sql, Dialect.DUCKDB).stage("20_dim");

        assertEquals(List.of("20_dim/a.sql", "20_dim/b.sql", "20_dim/c.sql"),
                stage.stream().map(SqlScript::relativePath).toList());
        assertEquals("select 'duck a';", stage.get(0).text());
    }

    @Test
    void statementsSplitOnASemicolonThatEndsALine() {
        String text = """
                -- two tables
                create table a (x varchar default 'a;b');
                create table b (
                    y integer
                )  ;
                -- trailing comment only
                """;
        assertEquals(List.of("-- two tables\ncreate table a (x varchar default 'a;b')",
                "create table b (\n    y integer\n)"), new SqlScript("x.sql", "x.sql", text).statements());
    }

    @Test
    void withoutAFolderOnDiskTheJarsCopyIsRead() {
        SqlFolder folder = new SqlFolder(Path.of("no-such-folder"), Dialect.POSTGRES);
        List<String> names = folder.stage("00_raw").stream().map(SqlScript::relativePath).toList();
        assertTrue(names.contains("00_raw/raw_orders.sql"), names.toString());
        assertTrue(names.contains("00_raw/zz_raw_batch_hour_indexes.sql"), names.toString());
        assertTrue(folder.find("00_raw/raw_orders.sql").orElseThrow().origin().startsWith("classpath:"));
    }

    @Test
    void theRawStageCreatesEveryRawTableAndCanRunTwice() throws Exception {
        try (Warehouse wh = Warehouse.of("jdbc:duckdb:"); Connection c = wh.connect()) {
            SqlFolder folder = SqlFolder.of(Dialect.DUCKDB);
            folder.runStage(c, "00_raw");
            folder.runStage(c, "00_raw");
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from information_schema.tables where table_name like 'raw_%'")) {
                rs.next();
                assertEquals(8, rs.getInt(1));
            }
        }
    }
}
