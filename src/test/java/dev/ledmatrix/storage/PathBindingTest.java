package dev.ledmatrix.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Binds {@code ledmatrix.data-dir} in a context with a real embedded Tomcat, as the service does: there, Spring's
 * default String-to-Path conversion asks Tomcat for the servlet resource {@code /../x}, which Tomcat rejects.
 */
class PathBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DataDirectory.class)
    @Import(PathBinding.class)
    static class Config {

        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory(0);
        }
    }

    private static Path bind(String... properties) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
                .web(WebApplicationType.SERVLET).properties(properties).run()) {
            return context.getBean(DataDirectory.class).dataDir();
        }
    }

    @Test
    void aRelativeDataDirectoryAboveTheWorkingDirectoryBinds() {
        assertThat(bind("ledmatrix.data-dir=../ledmatrix-data")).isEqualTo(Path.of("../ledmatrix-data"));
    }

    @Test
    void absoluteAndDefaultPathsBindAsWritten() {
        assertThat(bind("ledmatrix.data-dir=/var/lib/ledmatrix-manager"))
                .isEqualTo(Path.of("/var/lib/ledmatrix-manager"));
        assertThat(bind().normalize()).isEqualTo(Path.of("data"));
    }
}
