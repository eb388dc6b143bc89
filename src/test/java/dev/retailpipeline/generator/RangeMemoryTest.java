package dev.retailpipeline.generator;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.retailpipeline.time.HourRange;

/** writeRange streams: a year at scale 2 completes in a child JVM limited to a 64 MB heap. */
class RangeMemoryTest {

    /** Entry point of the child JVM: a year of hours into a sink that discards bytes. */
    public static void main(String[] args) throws IOException {
        long start = HourRange.parseHour("2026-01-01T00");
        RetailGenerator generator = new RetailGenerator(new GeneratorConfig(start));
        long[] bytes = {0};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        long rows = generator.streamRange(1, start, start + 365L * 24 - 1, 2, 0.01, sink);
        System.out.println("rows=" + rows + " bytes=" + bytes[0]);
    }

    @Test
    void aYearAtScaleTwoStreamsWithinA64MegabyteHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), RangeMemoryTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String output;
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finishes within two minutes");
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().filter(l -> l.startsWith("rows=")).toList();
        assertEquals(1, lines.size(), output);
        long rows = Long.parseLong(lines.get(0).replaceAll("rows=(\\d+).*", "$1"));
        assertTrue(rows > 3_000_000, output);
    }
}
