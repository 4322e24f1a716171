package dev.ledmatrix.plugin;

import dev.ledmatrix.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.plugin.builtin.BuiltinTypes;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.json.JsonMapper;

/** Instances on disk: defaults only on a first start, unreadable files kept aside, every write atomic. */
class InstanceStoreTest {

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    final JsonMapper json = JsonMapper.builder().build();
    RuntimeFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A new process on the same data directory. */
    private RuntimeFixture restart() {
        if (fixture != null) {
            fixture.close();
        }
        fixture = new RuntimeFixture(dataDir, clock, Duration.ofSeconds(5), Duration.ofMinutes(5),
                BuiltinTypes.all());
        fixture.runtime.start();
        return fixture;
    }

    private Path plugins() {
        return dataDir.resolve("plugins");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(plugins())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFirstStartCreatesAClockAndAMessageBothEnabledAndPersisted() throws IOException {
        restart();

        assertThat(fixture.runtime.list()).extracting(PluginView::id).containsExactly("clock", "message");
        assertThat(fixture.runtime.list()).allSatisfy(v -> {
            assertThat(v.state().state()).isEqualTo(PluginState.ENABLED);
            assertThat(v.spec().enabled()).isTrue();
        });
        assertThat(fixture.runtime.get("clock").spec().type()).isEqualTo("clock");
        assertThat(fixture.runtime.get("message").spec().type()).isEqualTo("text");
        assertThat(files()).containsExactly("clock.json", "message.json");
        assertThat(json.readTree(Files.readString(plugins().resolve("clock.json"))).get("type").asString())
                .isEqualTo("clock");
    }

    @Test
    void laterStartsLoadWhatIsThereAndNeverRecreateDeletedDefaults() throws IOException {
        restart();
        fixture.runtime.delete("message");
        fixture.runtime.disable("clock");

        restart();

        assertThat(fixture.runtime.list()).extracting(PluginView::id).containsExactly("clock");
        assertThat(fixture.states.getState("clock")).isEqualTo(PluginState.DISABLED);

        fixture.runtime.delete("clock");
        restart();
        assertThat(fixture.runtime.list()).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void anUnreadableFileIsMovedAsideAndReportedNeverReplacedByDefaults() throws IOException {
        Files.createDirectories(plugins());
        Files.writeString(plugins().resolve("weather.json"), "{\"id\":\"weather\", \"type\": ", StandardCharsets.UTF_8);

        restart();

        assertThat(fixture.runtime.list()).as("no defaults replace it").isEmpty();
        assertThat(fixture.runtime.unreadableFiles()).singleElement().satisfies(u -> {
            assertThat(u.file()).isEqualTo("weather.json");
            assertThat(u.keptAs()).isEqualTo("weather.json.unreadable-2026-11-25T10-00-00Z");
            assertThat(u.reason()).isNotBlank();
        });
        assertThat(files()).containsExactly("weather.json.unreadable-2026-11-25T10-00-00Z");
        assertThat(Files.readString(plugins().resolve("weather.json.unreadable-2026-11-25T10-00-00Z")))
                .isEqualTo("{\"id\":\"weather\", \"type\": ");

        // The next start finds nothing unreadable and still creates no defaults.
        clock.advance(Duration.ofMinutes(1));
        restart();
        assertThat(fixture.runtime.unreadableFiles()).isEmpty();
        assertThat(fixture.runtime.list()).isEmpty();
    }

    @Test
    void aFileNamedForOneIdButHoldingAnotherIsUnreadable() throws IOException {
        restart();
        Files.copy(plugins().resolve("clock.json"), plugins().resolve("alarm.json"));

        restart();

        assertThat(fixture.runtime.list()).extracting(PluginView::id).containsExactly("clock", "message");
        assertThat(fixture.runtime.unreadableFiles()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("holds id 'clock' but is named for 'alarm'"));
    }

    @Test
    void aGoodFileBesideABadOneStillLoads() throws IOException {
        restart();
        Files.writeString(plugins().resolve("junk.json"), "\u0000\u0001 not json");

        restart();

        assertThat(fixture.runtime.list()).extracting(PluginView::id).containsExactly("clock", "message");
        assertThat(fixture.runtime.unreadableFiles()).extracting(InstanceStore.Unreadable::file)
                .containsExactly("junk.json");
    }

    @Test
    void writesLeaveNoTemporaryFilesAndDurationsAreSeconds() throws IOException {
        restart();
        for (int i = 0; i < 20; i++) {
            fixture.runtime.updateConfig("message", json.readTree("{\"text\":\"take " + i + "\"}"));
        }
        fixture.runtime.create(new InstanceSpec("slow", "text", true, Duration.ofSeconds(90), Duration.ofMillis(1500),
                null, json.readTree("{\"text\":\"x\"}")));

        assertThat(files()).containsExactly("clock.json", "message.json", "slow.json");
        assertThat(json.readTree(Files.readString(plugins().resolve("message.json"))).get("config").get("text")
                .asString()).isEqualTo("take 19");
        var slow = json.readTree(Files.readString(plugins().resolve("slow.json")));
        assertThat(slow.get("updateInterval").asInt()).isEqualTo(90);
        assertThat(slow.get("updateTimeout").asDouble()).isEqualTo(1.5);
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        restart();
        // A directory where the file should go: the final rename must fail.
        Files.createDirectories(plugins().resolve("blocked.json").resolve("inside"));

        assertThatThrownBy(() -> fixture.store.save(new InstanceSpec("blocked", "text", true, null, null, null, null)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("blocked.json");

        assertThat(files()).containsExactly("blocked.json", "clock.json", "message.json");
        assertThat(plugins().resolve("blocked.json")).isDirectory();
    }

    @Test
    void temporaryFilesLeftByACrashAreRemovedAtStart() throws IOException {
        restart();
        Files.writeString(plugins().resolve(".clock.json.123456789.tmp"), "{\"half\":");

        restart();

        assertThat(files()).containsExactly("clock.json", "message.json");
        assertThat(fixture.runtime.list()).extracting(PluginView::id).containsExactly("clock", "message");
    }
}
