package dev.ledmatrix.state;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code ledmatrix.history.*}: how many transitions are kept per plugin. */
@Validated
@ConfigurationProperties("ledmatrix.history")
public record HistoryProperties(@DefaultValue("500") @Min(1) @Max(100_000) int maxEntries) {
}
