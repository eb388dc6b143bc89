package dev.retailpipeline.generator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's Faker comparison reads the script's rate, and says why when it cannot. */
class GeneratorBenchmarkTest {

    private static Path script(Path dir, String body) throws IOException {
        Path s = dir.resolve("rate.sh");
        Files.writeString(s, body);
        return s;
    }

    @Test
    void theRateLineOfTheScriptIsRead(@TempDir Path dir) throws IOException {
        Path s = script(dir, "echo 'faker 9.9: details' >&2\necho 'faker rows/s=12345'\n");
        GeneratorBenchmark.FakerRate rate = GeneratorBenchmark.fakerRate("/bin/sh", s.toString(), 10);
        assertEquals(12345, rate.rate(), 0.0);
        assertEquals("faker 9.9: details", rate.detail());
    }

    @Test
    void aMissingFakerIsReportedWithTheScriptsReason(@TempDir Path dir) throws IOException {
        Path s = script(dir, "echo 'Python Faker is not installed' >&2\nexit 2\n");
        GeneratorBenchmark.FakerRate rate = GeneratorBenchmark.fakerRate("/bin/sh", s.toString(), 10);
        assertEquals(0, rate.rate(), 0.0);
        assertTrue(rate.why().contains("exited with 2") && rate.why().contains("Python Faker is not installed"),
                rate.why());
    }

    @Test
    void aMissingInterpreterScriptOrRateLineIsReported(@TempDir Path dir) throws IOException {
        Path s = script(dir, "echo hello\n");
        assertTrue(GeneratorBenchmark.fakerRate("/no/such/python3", s.toString(), 10).why()
                .contains("no python interpreter /no/such/python3"));
        assertTrue(GeneratorBenchmark.fakerRate("/bin/sh", dir.resolve("none.py").toString(), 10).why()
                .contains("no script"));
        String why = GeneratorBenchmark.fakerRate("/bin/sh", s.toString(), 10).why();
        assertTrue(why.contains("no 'faker rows/s=' line") && why.contains("hello"), why);
    }

    @Test
    void theProjectsFakerScriptGivesARateOrSaysFakerIsMissing() {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 here");
        GeneratorBenchmark.FakerRate rate = GeneratorBenchmark.fakerRate(python.toString(), "bench/faker_rate.py", 2000);
        if (rate.rate() > 0) {
            assertTrue(rate.detail().contains(" rows (stores "), rate.detail());
        } else {
            assertTrue(rate.why().contains("exited with 2") && rate.why().contains("not installed"), rate.why());
        }
    }
}
