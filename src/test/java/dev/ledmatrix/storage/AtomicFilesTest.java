package dev.ledmatrix.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleaning up after writes a killed process did not finish. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWriteLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("a.json");

        AtomicFiles.write(target, "{}".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(Files.readString(target)).isEqualTo("{\"v\":2}");
    }

    @Test
    void leftoversOfOneTargetAreRemovedAndNothingElse() throws Exception {
        Path token = Files.writeString(dir.resolve("api-token"), "secret");
        Path ownLeftover = Files.writeString(dir.resolve(".api-token.123456789.tmp"), "sec");
        Path otherLeftover = Files.writeString(dir.resolve(".brightness.987.tmp"), "5");
        Path dotFile = Files.writeString(dir.resolve(".api-token.tmp"), "not ours: no number");

        assertThat(AtomicFiles.deleteLeftoversOf(token)).containsExactly(ownLeftover);

        assertThat(ownLeftover).doesNotExist();
        assertThat(token).exists();
        assertThat(otherLeftover).exists();
        assertThat(dotFile).exists();
        assertThat(AtomicFiles.deleteLeftovers(dir)).containsExactly(otherLeftover);
    }
}
