package dev.retailpipeline.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class SparkSqlTest {

    private static final String MACROS = """
            -- checks
            create or replace macro is_bigint(v) as v is null or try_cast(v as bigint) is not null;

            create or replace macro is_timestamp(v) as
                v is null or try_cast(replace(replace(v, 'T', ' '), 'Z', '') as timestamp) is not null;
            """;

    private final SparkSql spark = SparkSql.withMacrosOf(MACROS);

    @Test
    void varcharWithoutALengthBecomesString() {
        assertThat(spark.rewrite("create table t (a varchar, b VARCHAR(10), c varchar not null);"))
                .contains("a string,", "b VARCHAR(10)", "c string not null").doesNotContain("a varchar");
    }

    @Test
    void macroCallsAreExpandedWithTheirArgumentAndTheDefinitionsAreNotSent() {
        String out = spark.rewrite(MACROS + "\nselect 1 where not is_bigint(id) or not is_timestamp(coalesce(a, ')'));");
        assertThat(out).doesNotContain("macro", "is_bigint", "is_timestamp")
                .contains("((id) is null or try_cast((id) as bigint) is not null)")
                .contains("try_cast(replace(replace((coalesce(a, ')')), 'T', ' '), 'Z', '') as timestamp)");
    }

    @Test
    void aDeleteWithASubqueryBecomesAMergeThatDeletesTheSameRows() {
        String out = SparkSql.deleteAsMerge("""
                delete from quarantine
                where source_table = 'orders'
                    and row_key in (
                        select order_id from raw_orders where batch_hour >= cast(? as timestamp)
                    )""");
        assertThat(out).isEqualTo("""
                merge into quarantine
                using (select distinct merge_key from (
                        select order_id from raw_orders where batch_hour >= cast(? as timestamp)
                    ) as merge_source(merge_key)) as merge_keys
                on quarantine.row_key = merge_keys.merge_key
                    and (source_table = 'orders')
                when matched then delete""");
        assertThat(SparkSql.deleteAsMerge("delete from fct_sales where order_id in (select order_id from w)"))
                .startsWith("merge into fct_sales").contains("on fct_sales.order_id = merge_keys.merge_key\nwhen");
    }

    @Test
    void aDeleteThenAnInsertOfTheSameSliceIsOneStatement() {
        String out = spark.rewrite("""
                -- the stores' rows
                delete from quarantine
                where source_table = 'stores'
                    and batch_hour >= cast(? as timestamp);

                insert into quarantine (source_table, row_key)
                select 'stores' as source_table, store_id as row_key from raw_stores;

                delete from wrk;

                insert into wrk (order_id)
                select 1 as order_id;

                delete from fct where order_id in (select order_id from wrk);

                insert into fct (order_id) select order_id from wrk;
                """);
        assertThat(SqlScript.split(out)).containsExactly("""
                -- the stores' rows
                insert into quarantine replace where source_table = 'stores'
                    and batch_hour >= cast(? as timestamp)
                select 'stores' as source_table, store_id as row_key from raw_stores""",
                "insert overwrite wrk (order_id)\nselect 1 as order_id",
                """
                merge into fct
                using (select distinct merge_key from (select order_id from wrk) as merge_source(merge_key)) as merge_keys
                on fct.order_id = merge_keys.merge_key
                when matched then delete""",
                "insert into fct (order_id) select order_id from wrk");
    }

    @Test
    void duckDbsVariablesAndColumnsOfEarlierReleasesAreNotSent() {
        assertThat(spark.rewrite("""
                set variable rebuilt_from = (select 1);

                alter table raw_batch_summary add column if not exists cost decimal(14, 2);

                select 1;
                """)).isEqualTo("select 1;\n");
    }

    @Test
    void otherStatementsAreLeftAsTheyAre() {
        String plain = "delete from stg_orders where batch_hour >= cast(? as timestamp)";
        assertThat(SparkSql.deleteAsMerge(plain)).isEqualTo(plain);
        String tail = "delete from t where k in (select k from u) or x = 1";
        assertThat(SparkSql.deleteAsMerge(tail)).isEqualTo(tail);
        assertThat(spark.rewrite("select extract(isodow from d), extract(epoch from t) - extract(epoch from u);"))
                .contains("extract(dow_iso from d)", "unix_timestamp(t) - unix_timestamp(u)");
    }

    @Test
    void parametersAreCountedOutsideLiteralsAndComments() {
        assertThat(SparkSql.parameterCount("select ?, '?' -- a ?\n, ? from t")).isEqualTo(2);
    }

    @Test
    void everyFileOfTheProjectRewritesWithoutLeavingAMacroOrASubqueryDelete() {
        SqlFolder folder = new SqlFolder(Path.of("sql"), Dialect.SPARK);
        for (String stage : List.of("00_schema", "05_migrations", "10_staging", "20_dimensions", "30_facts", "90_checks")) {
            for (SqlScript script : folder.stage(stage)) {
                for (String statement : script.statements()) {
                    assertThat(statement).as(script.relativePath())
                            .doesNotContainPattern("(?i)\\b(is_(bigint|integer|money|boolean|timestamp)|in_window|in_rebuilt_batches|natural_id|status_rank|parse_ts|to_(bigint|integer|money|boolean))\\s*\\(")
                            .doesNotContainPattern("(?i)\\bvarchar\\b(?!\\s*\\()")
                            .doesNotContainPattern("(?is)^\\s*(--[^\\n]*\\n\\s*)*delete\\b.*\\bin\\s*\\(\\s*select");
                }
            }
        }
    }
}
