package dev.retailpipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.retailpipeline.time.HourRange;

/** The hand-written fast path of {@link CsvRowWriter} gives what Jackson gives: the same CSV or an error. */
class CsvRowWriterTest {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** "ok:<csv>" or "error" for the row, through {@code write} or through Jackson alone. */
    private static String outcome(RawTable t, byte[] row, int off, int n, boolean jacksonOnly) {
        CsvRowWriter w = new CsvRowWriter(FACTORY, t.columns());
        ByteBuf out = new ByteBuf(64);
        try {
            if (jacksonOnly) {
                w.writeWithJackson(row, off, n, out);
            } else {
                w.write(row, off, n, out);
            }
            return "ok:" + new String(out.bytes, 0, out.size, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "error";
        }
    }

    private static void same(RawTable t, byte[] row) {
        String jackson = outcome(t, row, 0, row.length, true);
        String fast = outcome(t, row, 0, row.length, false);
        String text = new String(row, StandardCharsets.UTF_8);
        assertEquals(jackson, fast, text);
    }

    @Test
    void handWrittenRowsComeOutAsJacksonWritesThemOrFailAlike() {
        List<String> rows = List.of(
                "{\"table\":\"orders\",\"key\":1001,\"kind\":\"negative_quantity\"}",
                "{\"kind\":\"x\",\"table\":\"t\",\"key\":-0.50e+3}",
                "{}", " { } ", "{\"key\":null}", "{\"key\":1,\"key\":null}", "{\"key\":null,\"key\":\"\"}",
                "{\"key\":\"\",\"kind\":\"a,b\",\"table\":\"a\\\"b\"}",
                "{\"key\":\"line\\nbreak\",\"kind\":\"cr\\r\",\"table\":\"tab\\t\\/\\\\\\b\\f\"}",
                "{\"key\":\"nul\\u0000x\",\"kind\":\"\\u00e9\\u2615\\u002c\",\"table\":\"\\u0022q\"}",
                "{\"key\":\"\\ud83d\\ude00\",\"kind\":\"\\ud83d\",\"table\":\"\\ude00x\"}",
                "{\"key\":\"Zoë ☕ 😀 \u007f\",\"kind\":true,\"table\":false}",
                "{\"other\":1,\"key\":2,\"more\":\"x\"}", "{\"k\\u0065y\":3}",
                "{ \"key\" : 1 , \"kind\" :\t\"a\" }\r",
                "{\"key\":01}", "{\"key\":1.}", "{\"key\":-}", "{\"key\":+1}", "{\"key\":.5}", "{\"key\":1e}",
                "{\"key\":12abc}", "{\"key\":truex}", "{\"key\":nul}", "{\"key\":tru}", "{\"key\":\"a\"\"b\"}",
                "{\"key\":[1]}", "{\"other\":{\"a\":1}}", "{\"key\":1,}", "{\"key\":1,,\"kind\":2}", "{\"key\" 1}",
                "{\"key\":1} x", "{\"key\":1}}", "{\"key\":\"a", "{\"key\":1", "{\"key\"", "{", "", "[1]", "1",
                "{\"key\":\"bad \\x escape\"}", "{\"key\":\"bad \\u12g4\"}", "{\"key\":\"ctl \u0001\"}",
                "{\"key\":'single'}", "{key:1}", "{\"key\":NaN}", "{\"key\":\"" + "9".repeat(2000) + "\"}",
                "{\"key\":" + "9".repeat(950) + "}", "{\"key\":" + "9".repeat(1200) + "}");
        for (String r : rows) {
            same(RawTable.MANIFEST, r.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void malformedUtf8IsLeftToJackson() {
        byte[][] bad = {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF8}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x98}};
        for (byte[] b : bad) {
            byte[] head = "{\"key\":\"a".getBytes(StandardCharsets.UTF_8);
            byte[] row = new byte[head.length + b.length + 2];
            System.arraycopy(head, 0, row, 0, head.length);
            System.arraycopy(b, 0, row, head.length, b.length);
            row[row.length - 2] = '"';
            row[row.length - 1] = '}';
            same(RawTable.MANIFEST, row);
        }
    }

    @Test
    void generatedRowsComeOutAsJacksonWritesThem() throws Exception {
        RetailGenerator gen = new RetailGenerator(new GeneratorConfig(HourRange.parseHour("2026-11-01T00")));
        long first = HourRange.parseHour("2026-11-27T00");
        long rows = 0;
        for (long h = first; h < first + 24; h++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            gen.writeHour(new BatchSpec(42, h, 1.0, 0.2), Format.NDJSON, null, out);
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                int rs = line.indexOf("\"row\":") + 6;
                String table = line.substring(10, line.indexOf('"', 10));
                RawTable t = RawTable.bySource(table);
                if (t == null) {
                    continue;
                }
                byte[] row = line.substring(rs, line.length() - 1).getBytes(StandardCharsets.UTF_8);
                same(t, row);
                rows++;
            }
        }
        assertTrue(rows > 1000, "rows compared: " + rows);
    }
}
