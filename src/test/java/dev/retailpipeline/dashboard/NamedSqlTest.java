package dev.retailpipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Named parameters become placeholders; text in quotes and comments stays as written. */
class NamedSqlTest {

    @Test
    void aColonInsideAQuotedStringIsNotAParameter() {
        NamedSql sql = NamedSql.of("select * from t\n-- :ignored here\nwhere j like '%\"snapshot\":true%' and h >= :since and k = ':x'");
        assertThat(sql.names()).isEqualTo(List.of("since"));
        assertThat(sql.jdbcText()).isEqualTo("select * from t\n\nwhere j like '%\"snapshot\":true%' and h >= ? and k = ':x'\n");
    }
}
