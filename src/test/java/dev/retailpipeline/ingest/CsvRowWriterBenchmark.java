package dev.retailpipeline.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import dev.retailpipeline.generator.GeneratorConfig;
import dev.retailpipeline.generator.RetailGenerator;
import dev.retailpipeline.time.HourRange;

/**
 * Whether CsvRowWriter's hand-written scanner pays on PostgreSQL's load path: the order_items rows of three days at
 * scale 10 (about 61,000) written as CSV fields by {@link CsvRowWriter#write} (the scanner, Jackson for what it does
 * not cover) and by {@link CsvRowWriter#writeWithJackson} alone, six passes each, rows per second printed per pass.
 *
 * <pre>java -cp "$CP" dev.retailpipeline.ingest.CsvRowWriterBenchmark</pre>
 */
public final class CsvRowWriterBenchmark {

    private CsvRowWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(HourRange.parseHour("2025-01-01T00")));
        long from = HourRange.parseHour("2025-03-01T00");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        generator.writeRange(42, from, from + 71, 10, 0, stream);
        String prefix = "{\"table\":\"order_items\",\"row\":";
        List<byte[]> rows = new ArrayList<>();
        for (String line : stream.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(prefix)) {
                rows.add(line.substring(prefix.length(), line.length() - 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        CsvRowWriter writer = new CsvRowWriter(new JsonFactory(), RawTable.bySource("order_items").columns());
        ByteBuf out = new ByteBuf(1 << 20);
        for (int pass = 1; pass <= 6; pass++) {
            long t = System.nanoTime();
            for (byte[] row : rows) {
                out.size = 0;
                writer.write(row, 0, row.length, out);
            }
            long scanner = System.nanoTime() - t;
            t = System.nanoTime();
            for (byte[] row : rows) {
                out.size = 0;
                writer.writeWithJackson(row, 0, row.length, out);
            }
            long jackson = System.nanoTime() - t;
            System.out.printf("pass %d: %d rows; the scanner %,.0f rows/s, Jackson alone %,.0f rows/s (%.1fx)%n", pass,
                    rows.size(), rows.size() / (scanner / 1e9), rows.size() / (jackson / 1e9),
                    (double) jackson / scanner);
        }
    }
}
