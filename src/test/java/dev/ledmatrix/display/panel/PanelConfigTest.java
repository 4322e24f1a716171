package dev.ledmatrix.display.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Panel and PanelStatus beans: the backend asked for, or the emulator and the reason why not. */
class PanelConfigTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PanelOnly.class);

    @Test
    void theEmulatorIsTheDefault() {
        runner.run(context -> {
            assertThat(context.getBean(Panel.class)).isInstanceOf(EmulatorPanel.class);
            assertThat(context.getBean(PanelStatus.class)).isEqualTo(new PanelStatus("emulator", "emulator", null));
        });
    }

    @Test
    void aMissingLibraryFallsBackToTheEmulatorAndSaysWhy() {
        runner.withPropertyValues("ledmatrix.panel.backend=native", "ledmatrix.panel.allow-non-pi=true",
                "ledmatrix.panel.library-path=/nonexistent/librgbmatrix.so.1", "ledmatrix.panel.rows=16").run(context -> {
                    assertThat(context).hasNotFailed();
                    Panel panel = context.getBean(Panel.class);
                    assertThat(panel).isInstanceOf(EmulatorPanel.class);
                    assertThat(panel.width()).isEqualTo(128);
                    assertThat(panel.height()).isEqualTo(16);
                    PanelStatus status = context.getBean(PanelStatus.class);
                    assertThat(status.requestedBackend()).isEqualTo("native");
                    assertThat(status.activeBackend()).isEqualTo("emulator");
                    assertThat(status.degraded()).isTrue();
                    assertThat(status.problem()).contains("/nonexistent/librgbmatrix.so.1")
                            .contains("ledmatrix.panel.library-path");
                });
    }

    @Test
    void aFailingCreateFallsBackToTheEmulator() {
        FakeRgbMatrix.setEnv("FAKE_RGBMATRIX_FAIL");
        try {
            runner.withPropertyValues("ledmatrix.panel.backend=native", "ledmatrix.panel.allow-non-pi=true",
                    "ledmatrix.panel.library-path=" + FakeRgbMatrix.path()).run(context -> {
                        assertThat(context.getBean(Panel.class)).isInstanceOf(EmulatorPanel.class);
                        assertThat(context.getBean(PanelStatus.class).problem()).contains("returned NULL");
                    });
        } finally {
            FakeRgbMatrix.unsetEnv("FAKE_RGBMATRIX_FAIL");
        }
    }

    @Test
    void theNativePanelIsUsedWhenItOpensAndClosingTheContextDeletesTheMatrix() {
        int live = FakeRgbMatrix.liveMatrices();
        runner.withPropertyValues("ledmatrix.panel.backend=native", "ledmatrix.panel.allow-non-pi=true",
                "ledmatrix.panel.library-path=" + FakeRgbMatrix.path()).run(context -> {
                    assertThat(context.getBean(Panel.class).backend()).isEqualTo("native");
                    assertThat(context.getBean(PanelStatus.class)).isEqualTo(new PanelStatus("native", "native", null));
                    assertThat(FakeRgbMatrix.liveMatrices()).isEqualTo(live + 1);
                });
        // graceful shutdown: the panel bean is closed, the library deletes the matrix (LEDs go dark)
        assertThat(FakeRgbMatrix.liveMatrices()).isEqualTo(live);
    }

    @Test
    void anInvalidOptionStopsStartupEvenWithTheEmulator() {
        runner.withPropertyValues("ledmatrix.panel.rows=33").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ledmatrix.panel");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PanelProperties.class)
    @Import(PanelConfig.class)
    static class PanelOnly {
    }
}
