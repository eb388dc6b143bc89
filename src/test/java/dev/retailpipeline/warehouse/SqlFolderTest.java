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
        List<String> names = folder.stage("00_schema").stream().map(SqlScript::relativePath).toList();
        assertTrue(names.contains("00_schema/13_raw_orders.sql"), names.toString());
        assertTrue(names.contains("00_schema/90_indexes.sql"), names.toString());
        assertTrue(folder.find("00_schema/13_raw_orders.sql").orElseThrow().origin().startsWith("classpath:"));
    }

    @Test
    void theSchemaCreatesEveryRawTableAndCanRunTwice() throws Exception {
        try (Warehouse wh = Warehouse.of("jdbc:duckdb:"); Connection c = wh.connect()) {
            SqlFolder folder = SqlFolder.of(Dialect.DUCKDB);
            folder.runSchema(c);
            folder.runLedger(c);
            folder.runSchema(c);
            folder.runLedger(c);
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select count(*) from information_schema.tables where table_name like 'raw_%'")) {
                rs.next();
                assertEquals(8, rs.getInt(1));
            }
        }
    }

    @Test
    void aStagingTableOfAnEarlierReleaseIsReplacedByItsView() throws Exception {
        try (Warehouse wh = Warehouse.of("jdbc:duckdb:"); Connection c = wh.connect()) {
            c.createStatement().execute("create table stg_orders (order_id bigint)");
            c.createStatement().execute("insert into stg_orders values (1)");
            SqlFolder.of(Dialect.DUCKDB).runSchema(c);
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select table_type from information_schema.tables where table_name = 'stg_orders'")) {
                rs.next();
                assertEquals("VIEW", rs.getString(1));
            }
        }
    }

    @Test
    void noModelFileHoldsADefinition() {
        for (Dialect dialect : Dialect.values()) {
            SqlFolder folder = SqlFolder.of(dialect);
            for (String stage : folder.chainStages()) {
                for (SqlScript script : folder.stage(stage)) {
                    assertEquals(List.of(), SqlScript.definitions(script.text()),
                            dialect + " " + script.relativePath() + " holds DDL: definitions belong in 00_schema");
                }
            }
        }
    }

    @Test
    void aDefinitionIsToldFromAModelsStatements() {
        assertEquals(List.of("create table if not exists wrk (a int)", "alter table fct_sales add column x int",
                "drop view v", "create or replace macro m(x) as x"), SqlScript.definitions("""
                -- a model that makes its own table
                create table if not exists wrk (a int);
                insert into wrk select 1;
                alter table fct_sales add column x int;
                delete from wrk where a in (select 1);
                drop view v;
                create or replace macro m(x) as x;
                with created as (select 1 as create_table) select * from created;
                """));
    }
}
