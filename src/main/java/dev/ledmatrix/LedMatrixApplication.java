package dev.ledmatrix;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point: one process that loads, schedules, renders and serves the matrix plugins. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class LedMatrixApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedMatrixApplication.class, args);
    }

    /** Every timestamp the service records comes from this clock, so tests can control time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
