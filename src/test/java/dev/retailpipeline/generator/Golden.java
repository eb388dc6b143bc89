package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.fail;
import dev.retailpipeline.time.HourRange;

/**
 * The generator's golden outputs, checked into {@code src/test/resources/golden/generator}: a small output is kept
 * verbatim, one file per case; a large one as a line of {@code checksums.txt} (case, bytes, line feeds, SHA-256).
 * A test hands the product's bytes of a case to {@link #verbatim} or {@link #checksum}, which fail with the case and
 * the place that differs, and leave the bytes in {@code target/golden-actual/<case>} to look at.
 *
 * <p>To re-record the goldens on purpose (after a change of the output that is meant), run the tests with
 * {@code -Dgolden.record=true}, e.g. {@code mvn -o -B -q surefire:test -Dtest='WriterBytesTest,SnapshotTest'
 * -Dgolden.record=true}: the files and lines of the cases that run are rewritten instead of compared, and
 * {@code git diff src/test/resources/golden} shows what changed. Off by default.
 *
 * <p>The files are read from and written to the source tree (the {@code basedir} Maven sets, else the working
 * directory), not the class path, so an edited fixture counts without a resources copy.
 */
final class Golden {
    private static final boolean RECORD = Boolean.getBoolean("golden.record");
    private static final Path BASE = Path.of(System.getProperty("basedir", ""));
    private static final Path DIR = BASE.resolve("src/test/resources/golden/generator");
    private static final Path CHECKSUMS = DIR.resolve("checksums.txt");
    private static final Path ACTUAL = BASE.resolve("target/golden-actual");
    private static final String CHECKSUMS_HEADER = """
            # Golden checksums of the generator's larger outputs: case, bytes, line feeds, SHA-256.
            # Compared by WriterBytesTest and SnapshotTest; re-record with -Dgolden.record=true (see Golden.java).
            """;
    /** Lines shown before and after the differing one; bytes shown of a long line before the difference. */
    private static final int CONTEXT_LINES = 2;
    private static final int CONTEXT_BYTES = 100;

    private Golden() {
    }

    /**
     * The name of a case of the spec's hour: "{kind}_seed{seed}_scale{scale}_dirty{dirty}_{hour}", numbers in plain
     * decimals, e.g. "hour_seed12_scale0.5_dirty0_2026-11-01T00".
     */
    static String name(String kind, BatchSpec spec) {
        return kind + "_seed" + spec.seed() + "_scale" + plain(spec.scale()) + "_dirty" + plain(spec.dirty()) + "_"
                + HourRange.formatHour(spec.hour());
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** The case's output equals the file golden/generator/{name} byte for byte. */
    static synchronized void verbatim(String name, byte[] actual) {
        Path file = DIR.resolve(name);
        if (RECORD) {
            write(file, actual);
            return;
        }
        if (!Files.exists(file)) {
            keep(name, actual);
            fail("no golden file " + file + "; record it with -Dgolden.record=true");
        }
        byte[] expected = read(file);
        int at = firstDifference(expected, actual);
        if (at >= 0) {
            keep(name, actual);
            fail("golden " + name + " differs at byte " + at + " (line " + (lineOf(expected, at) + 1) + ", column "
                    + (at - lastLineFeedBefore(expected, at)) + "); expected " + expected.length + " bytes, got "
                    + actual.length + "\nexpected (" + file + "):\n" + around(expected, at)
                    + "actual (target/golden-actual/" + name + "):\n" + around(actual, at));
        }
    }

    /** The case's output has the bytes, line feeds and SHA-256 of its line in golden/generator/checksums.txt. */
    static synchronized void checksum(String name, byte[] actual) {
        String line = name + " " + actual.length + " " + lineFeeds(actual) + " " + sha256(actual);
        Map<String, String> lines = checksums();
        if (RECORD) {
            lines.put(name, line);
            StringBuilder text = new StringBuilder(CHECKSUMS_HEADER);
            lines.values().forEach(l -> text.append(l).append('\n'));
            write(CHECKSUMS, text.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String expected = lines.get(name);
        if (expected == null) {
            keep(name, actual);
            fail("no golden checksum of " + name + " in " + CHECKSUMS
                    + "; record it with -Dgolden.record=true");
        }
        if (!expected.equals(line)) {
            keep(name, actual);
            fail("golden " + name + " differs (case bytes line-feeds sha256):\nexpected " + expected
                    + "\nactual   " + line + "\nthe actual output is in target/golden-actual/" + name);
        }
    }

    private static Map<String, String> checksums() {
        Map<String, String> lines = new TreeMap<>();
        if (Files.exists(CHECKSUMS)) {
            for (String l : new String(read(CHECKSUMS), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    lines.put(l.substring(0, l.indexOf(' ')), l);
                }
            }
        }
        return lines;
    }

    /** Leaves the actual bytes of a case that fails in target/golden-actual for a look. */
    private static void keep(String name, byte[] actual) {
        write(ACTUAL.resolve(name), actual);
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    private static int lineOf(byte[] b, int offset) {
        int line = 0;
        for (int i = 0; i < Math.min(offset, b.length); i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The lines of b around the byte at offset, numbered, the one holding it marked with '>'; a long line is cut to
     * the bytes around the offset (or its start).
     */
    private static String around(byte[] b, int offset) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == '\n') {
                lines.add(new int[]{start, i});
                start = i + 1;
            }
        }
        int at = lineOf(b, offset);
        StringBuilder out = new StringBuilder();
        for (int l = Math.max(0, at - CONTEXT_LINES); l <= Math.min(lines.size() - 1, at + CONTEXT_LINES); l++) {
            int from = lines.get(l)[0];
            int to = lines.get(l)[1];
            if (l == at) {
                from = Math.max(from, Math.min(offset, to) - CONTEXT_BYTES);
            }
            int cut = Math.min(to, from + 2 * CONTEXT_BYTES);
            out.append(l == at ? "> " : "  ").append(l + 1).append(": ")
                    .append(from > lines.get(l)[0] ? "..." : "")
                    .append(new String(b, from, cut - from, StandardCharsets.UTF_8))
                    .append(cut < to ? "..." : "").append('\n');
        }
        return out.toString();
    }

    private static int lastLineFeedBefore(byte[] b, int offset) {
        for (int i = Math.min(offset, b.length) - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The number of '\n' bytes in b. */
    static long lineFeeds(byte[] b) {
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
