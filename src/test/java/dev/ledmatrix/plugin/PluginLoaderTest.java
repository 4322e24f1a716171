package dev.ledmatrix.plugin;

import dev.ledmatrix.testing.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.TestTypes.Probe;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.state.ErrorInfo;
import dev.ledmatrix.state.PluginState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loading instances: each way a load fails ends in ERROR with permanent error info that says why, and a reset,
 * a reload or a valid config retries it.
 */
class PluginLoaderTest {

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    final JsonMapper json = JsonMapper.builder().build();
    final Probe probe = new Probe();
    /** While true, the "fragile" type's constructor throws. */
    final AtomicBoolean broken = new AtomicBoolean(true);
    RuntimeFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private RuntimeFixture fixture(PluginType... extra) {
        List<PluginType> types = new java.util.ArrayList<>(List.of(
                TestTypes.type("good", Duration.ofSeconds(10), probe, TestTypes.SUCCEED),
                fragileType()));
        types.addAll(List.of(extra));
        fixture = new RuntimeFixture(dataDir, clock, Duration.ofSeconds(5), Duration.ofMinutes(5), types);
        return fixture;
    }

    private PluginType fragileType() {
        PluginDescriptor descriptor = new PluginDescriptor("fragile", "Fragile", "1.0", null, Duration.ofSeconds(10),
                null, null);
        return new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                if (broken.get()) {
                    throw new IllegalStateException("no API key: set config.apiKey");
                }
                return (canvas, render) -> canvas.setPixel(0, 0, dev.ledmatrix.graphics.Color.GREEN);
            }
        };
    }

    private static InstanceSpec spec(String id, String type, String config) {
        return new InstanceSpec(id, type, true, null, null, null,
                config == null ? null : JsonMapper.builder().build().readTree(config));
    }

    /** Persists the instance the way an earlier run would have, then starts the runtime on it. */
    private void startWith(InstanceSpec... specs) {
        for (InstanceSpec s : specs) {
            fixture.store.save(s);
        }
        fixture.runtime.start();
    }

    private ErrorInfo error(String id) {
        return fixture.states.getErrorInfo(id).orElseThrow(() -> new AssertionError("no error info for " + id));
    }

    private void assertPermanentError(String id, String errorType, String... messageParts) {
        assertThat(fixture.states.getState(id)).isEqualTo(PluginState.ERROR);
        ErrorInfo info = error(id);
        assertThat(info.errorType()).isEqualTo(errorType);
        assertThat(info.recoverable()).isFalse();
        assertThat(info.consecutiveFailures()).isNull();
        assertThat(info.error()).contains(messageParts);
        assertThat(fixture.states.canExecute(id)).isFalse();
    }

    @Test
    void anUnknownTypeNamesTheTypeAndTheKnownOnes() {
        fixture();
        startWith(spec("weather", "openweather", null), spec("ok", "good", null));

        assertPermanentError("weather", "UnknownPluginType", "unknown plugin type 'openweather'",
                "known types: fragile, good");
        assertThat(fixture.states.getState("ok")).isEqualTo(PluginState.ENABLED);
        assertThat(fixture.runtime.get("weather").typeName()).isNull();
    }

    @Test
    void aSchemaViolationListsEveryViolation() {
        fixture();
        startWith(spec("bad", "good", "{\"n\":99,\"colour\":\"red\"}"));

        assertPermanentError("bad", "InvalidConfig", "config does not match the schema of type 'good'", "config.n",
                "10", "config.colour");
    }

    @Test
    void aThrowingConstructorSaysWhatItThrew() {
        fixture();
        startWith(spec("f", "fragile", null));

        assertPermanentError("f", "IllegalStateException", "creating the plugin failed: no API key: set config.apiKey");
    }

    @Test
    void aTypeThatCreatesNothingIsAnErrorToo() {
        PluginType nothing = new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return new PluginDescriptor("nothing", "Nothing", "1.0", null, Duration.ofSeconds(1), null, null);
            }

            @Override
            public Plugin create(PluginContext context) {
                return null;
            }
        };
        fixture(nothing);
        startWith(spec("n", "nothing", null));

        assertPermanentError("n", "IllegalStateException", "type 'nothing' created no plugin (null)");
    }

    @Test
    void aFailingOnEnableIsAnErrorThatSaysSo() {
        PluginType grumpy = new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return new PluginDescriptor("grumpy", "Grumpy", "1.0", null, Duration.ofSeconds(1), null, null);
            }

            @Override
            public Plugin create(PluginContext context) {
                return new Plugin() {
                    @Override
                    public void onEnable() throws Exception {
                        throw new java.io.IOException("serial port /dev/ttyUSB0 not found");
                    }

                    @Override
                    public void render(Canvas canvas, RenderContext render) {
                    }
                };
            }
        };
        fixture(grumpy);
        startWith(spec("g", "grumpy", null));

        assertPermanentError("g", "IOException", "onEnable failed: serial port /dev/ttyUSB0 not found");
    }

    @Test
    void anErrorNeverRetriesByItself() {
        fixture();
        startWith(spec("f", "fragile", null));
        broken.set(false);

        clock.advance(Duration.ofHours(1));
        fixture.scheduler.tick();

        assertThat(fixture.states.getState("f")).isEqualTo(PluginState.ERROR);
    }

    @Test
    void aResetRetriesTheLoad() {
        fixture();
        startWith(spec("f", "fragile", null));
        broken.set(false);

        PluginView view = fixture.runtime.reset("f");

        assertThat(view.state().state()).isEqualTo(PluginState.ENABLED);
        assertThat(view.state().errorInfo()).isNull();
        assertThat(fixture.states.getStateHistory("f")).extracting(t -> t.to().jsonName())
                .containsSubsequence("error", "loaded", "enabled");
    }

    @Test
    void aReloadRetriesTheLoadAndFailsAgainWhileTheCauseRemains() {
        fixture();
        startWith(spec("f", "fragile", null));
        Instant first = error("f").timestamp();
        clock.advance(Duration.ofSeconds(5));

        fixture.runtime.reload("f");

        assertPermanentError("f", "IllegalStateException", "no API key");
        assertThat(error("f").timestamp()).isAfter(first);
        broken.set(false);
        assertThat(fixture.runtime.reload("f").state().state()).isEqualTo(PluginState.ENABLED);
    }

    @Test
    void aValidConfigBringsAnInstanceOutOfError() {
        fixture();
        startWith(spec("bad", "good", "{\"n\":99}"));

        fixture.runtime.updateConfig("bad", json.readTree("{\"n\":3}"));

        assertThat(fixture.states.getState("bad")).isEqualTo(PluginState.ENABLED);
        assertThat(fixture.states.getErrorInfo("bad")).isEmpty();
        assertThat(fixture.runtime.config("bad").get("n").intValue()).isEqualTo(3);
        fixture.scheduler.tick();
        org.awaitility.Awaitility.await().until(() -> fixture.count("bad", "update", "SUCCESS") == 1);
    }

    @Test
    void anInvalidConfigChangesNothingAndListsEveryViolation() {
        fixture();
        startWith(spec("bad", "good", "{\"n\":99}"));
        JsonNode before = fixture.runtime.config("bad");

        assertThatThrownBy(() -> fixture.runtime.updateConfig("bad", json.readTree("{\"n\":\"x\",\"m\":1}")))
                .isInstanceOfSatisfying(PluginException.Invalid.class, e -> assertThat(e.violations())
                        .extracting(ConfigViolation::field).containsExactlyInAnyOrder("config.n", "config.m"));

        assertThat(fixture.runtime.config("bad")).isEqualTo(before);
        assertThat(fixture.states.getState("bad")).isEqualTo(PluginState.ERROR);
    }

    @Test
    void enablingAnInstanceInErrorIsRefusedWithWhatToDoInstead() {
        fixture();
        startWith(spec("f", "fragile", null));

        assertThatThrownBy(() -> fixture.runtime.enable("f"))
                .isInstanceOfSatisfying(PluginException.StateConflict.class,
                        e -> assertThat(e.currentState()).isEqualTo(PluginState.ERROR))
                .hasMessageContaining("reset");
    }

    @Test
    void creatingThroughTheRuntimeRefusesAnUnknownTypeOrABadConfigBeforePersistingAnything() {
        fixture();
        fixture.runtime.start();

        assertThatThrownBy(() -> fixture.runtime.create(spec("w", "openweather", null)))
                .isInstanceOfSatisfying(PluginException.Invalid.class, e -> assertThat(e.violations())
                        .extracting(ConfigViolation::field).containsExactly("type"));
        assertThatThrownBy(() -> fixture.runtime.create(spec("b", "good", "{\"n\":11,\"x\":true}")))
                .isInstanceOfSatisfying(PluginException.Invalid.class, e -> assertThat(e.violations())
                        .extracting(ConfigViolation::field).containsExactlyInAnyOrder("config.n", "config.x"));

        assertThat(fixture.runtime.find("w")).isEmpty();
        assertThat(fixture.runtime.find("b")).isEmpty();
        assertThat(fixture.store.load().instances()).extracting(InstanceSpec::id)
                .doesNotContain("w", "b");
    }
}
