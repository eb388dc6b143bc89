package dev.retailpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingRawLoaderTest {

    @Test
    void theStagedFilesOfAChunkAKilledProcessLeftAreRemovedAtStartAndNothingElse(@TempDir Path dir) throws Exception {
        Path left = Files.createDirectories(dir.resolve("chunk-1234/orders"));
        Files.writeString(left.resolve("part-1.ndjson"), "{\"order_id\":\"1\"}\n");
        Path other = Files.writeString(dir.resolve("notes.txt"), "kept");

        new DuckDbRawLoader(null, dir);

        assertThat(dir.resolve("chunk-1234")).doesNotExist();
        assertThat(other).hasContent("kept");
    }
}
