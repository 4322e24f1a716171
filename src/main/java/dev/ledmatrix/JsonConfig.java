package dev.ledmatrix;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.module.SimpleModule;

/** JSON conventions of the whole service: durations are numbers of seconds, in the API and on disk. */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    @Bean
    SimpleModule durationsAsSeconds() {
        return durationModule();
    }

    /**
     * A number or a boolean where a string belongs ({@code "id": 5}) is a wrong type, answered with 400, not
     * silently turned into {@code "5"}. (The other direction, {@code "5"} for a number, is refused by
     * {@code spring.jackson.mapper.allow-coercion-of-scalars=false}.)
     */
    @Bean
    JsonMapperBuilderCustomizer stringsAreStrings() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * Numbers and booleans are taken only as themselves: {@code 50.7} for a whole number is refused (not truncated
     * to 50), as are {@code "50"} for a number and {@code "true"} or {@code 1} for a boolean.
     */
    @Bean
    JsonMapperBuilderCustomizer numbersAreNumbers() {
        return builder -> builder
                .disable(tools.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /** The same module outside Spring, for code and tests that build their own mapper. */
    public static SimpleModule durationModule() {
        SimpleModule module = new SimpleModule("durations-as-seconds");
        module.addSerializer(Duration.class, new SecondsSerializer());
        module.addDeserializer(Duration.class, new SecondsDeserializer());
        return module;
    }

    private static final class SecondsSerializer extends ValueSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
            if (value.getNano() == 0) {
                gen.writeNumber(value.getSeconds());
            } else {
                gen.writeNumber(BigDecimal.valueOf(value.toNanos(), 9).stripTrailingZeros());
            }
        }
    }

    private static final class SecondsDeserializer extends ValueDeserializer<Duration> {

        /** Ten years: far beyond any sensible interval, far below where nanoseconds overflow. */
        private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(315_360_000L);

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            BigDecimal seconds = p.getDecimalValue();
            if (seconds.signum() < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
                return (Duration) ctxt.handleWeirdNumberValue(Duration.class, seconds,
                        "must be a number of seconds from 0 to " + MAX_SECONDS);
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        }
    }
}
