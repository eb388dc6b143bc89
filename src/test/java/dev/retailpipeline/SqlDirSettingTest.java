package dev.retailpipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL_DIR names the models' folder: a folder named that does not exist stops the start instead of the jar's models. */
class SqlDirSettingTest {

    @Test
    void aMisspeltSqlDirRefusesToStartNamingIt(@TempDir Path dir) {
        String typo = dir.resolve("ext-sqll").toString();
        assertThatThrownBy(() -> StartUp.sqlFolder(typo))
                .hasMessageContaining("SQL_DIR (sql.dir) is " + typo + ", which is not a folder");
    }

    @Test
    void anExistingFolderIsUsedAndTheDefaultMayBeAbsent(@TempDir Path dir) {
        assertThat(StartUp.sqlFolder(dir.toString())).isEqualTo(dir);
        assertThat(StartUp.sqlFolder("sql")).isEqualTo(Path.of("sql"));
        assertThat(StartUp.sqlFolder("")).isEqualTo(Path.of("sql"));
    }
}
