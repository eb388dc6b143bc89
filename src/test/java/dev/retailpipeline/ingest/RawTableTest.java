package dev.retailpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class RawTableTest {

    /** The columns of a table's definition in sql/00_schema, in order. */
    private static List<String> definedColumns(String table) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("sql", "00_schema"))) {
            for (Path file : files.sorted().toList()) {
                String text = Files.readString(file);
                Matcher create = Pattern.compile("create table if not exists " + table + " \\((.*?)\\n\\);", Pattern.DOTALL)
                        .matcher(text);
                if (create.find()) {
                    List<String> columns = new ArrayList<>();
                    for (String line : create.group(1).split("\\n")) {
                        Matcher column = Pattern.compile("^\\s+(\\w+) \\w").matcher(line);
                        if (!line.strip().startsWith("--") && column.find()) {
                            columns.add(column.group(1));
                        }
                    }
                    return columns;
                }
            }
        }
        throw new AssertionError("no definition of " + table + " in sql/00_schema");
    }

    @Test
    void everyRawTableKnowsItsColumnsInTheOrderItsDefinitionMakesThem() throws Exception {
        // Spark's raw load replaces a chunk's hours with an insert that takes no column list: it relies on this order
        for (RawTable table : RawTable.values()) {
            assertThat(table.tableColumns()).as(table.rawTable()).isEqualTo(definedColumns(table.rawTable()));
        }
    }
}
