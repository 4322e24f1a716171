package dev.ledmatrix.display.panel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link Panel} bean and its {@link PanelStatus}. Closing the context closes the panel, which for the
 * native backend deletes the matrix and so blanks the LEDs (graceful shutdown); beans that push frames
 * depend on the panel and are therefore stopped first.
 */
@Configuration(proxyBeanMethods = false)
class PanelConfig {

    @Bean
    PanelSelection panelSelection(PanelProperties properties) {
        return PanelSelection.select(properties, HostFacts::detect);
    }

    @Bean(destroyMethod = "close")
    Panel panel(PanelSelection selection) {
        return selection.panel();
    }

    @Bean
    PanelStatus panelStatus(PanelSelection selection) {
        return selection.status();
    }
}
