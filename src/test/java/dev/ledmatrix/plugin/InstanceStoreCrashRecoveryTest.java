package dev.ledmatrix.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.JsonConfig;
import dev.ledmatrix.storage.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/** What a killed process leaves in the instance directory, and how the next start copes with it. */
class InstanceStoreCrashRecoveryTest {

    @TempDir
    Path data;

    final JsonMapper json = JsonMapper.builder().addModule(JsonConfig.durationModule()).build();

    InstanceStore store() {
        return new InstanceStore(new DataDirectory(data), json, Clock.systemUTC());
    }

    @Test
    void aFirstStartKilledHalfWayIsAFirstStartAgain() throws Exception {
        // The previous first start died after writing one default into the staging directory.
        Path staging = Files.createDirectories(data.resolve("plugins.new"));
        Files.writeString(staging.resolve("clock.json"), "{\"id\":\"clock\",\"type\":\"cl");

        InstanceStore.Loaded loaded = store().load();
        assertThat(loaded.firstStart()).isTrue();
        store().initialise(DefaultInstances.create());

        assertThat(staging).doesNotExist();
        InstanceStore.Loaded again = store().load();
        assertThat(again.firstStart()).isFalse();
        assertThat(again.unreadable()).isEmpty();
        assertThat(again.instances()).extracting(InstanceSpec::id).containsExactlyInAnyOrder("clock", "message");
    }

    @Test
    void anEmptyDirectoryIsNotAFirstStart() throws Exception {
        store().initialise(java.util.List.of());

        InstanceStore.Loaded loaded = store().load();

        assertThat(loaded.firstStart()).as("the user deleted every instance; no defaults come back").isFalse();
        assertThat(loaded.instances()).isEmpty();
    }

    @Test
    void temporaryFilesOfUnfinishedWritesAreRemovedAtLoad() throws Exception {
        InstanceStore store = store();
        store.initialise(DefaultInstances.create());
        Path dir = data.resolve("plugins");
        Path leftover = Files.writeString(dir.resolve(".message.json.8121565521404913426.tmp"), "{\"id\":\"mess");
        Path unrelated = Files.writeString(dir.resolve("notes.txt"), "mine");

        InstanceStore.Loaded loaded = store.load();

        assertThat(leftover).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(loaded.unreadable()).isEmpty();
        assertThat(loaded.instances()).extracting(InstanceSpec::id).containsExactlyInAnyOrder("clock", "message");
    }
}
