package dev.ledmatrix.web;

import java.io.IOException;
import java.time.Duration;

import org.springframework.context.annotation.Bean;

import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;

/**
 * {@code vault}: a type with secret fields ({@code "x-secret": true} on a property and on array items) that puts
 * them into every error it can: when created, updated and rendered, as careless plugin code does.
 */
class SecretTestTypes {

    static final String SCHEMA = """
            {"type":"object","additionalProperties":false,
             "properties":{
               "apiKey":{"type":"string","pattern":"^sk-","x-secret":true},
               "endpoint":{"type":"string"},
               "tokens":{"type":"array","items":{"type":"string","x-secret":true}},
               "label":{"type":"string"},
               "failCreate":{"type":"boolean"},"failUpdate":{"type":"boolean"},"failRender":{"type":"boolean"}}}""";

    @Bean
    PluginType vaultType() {
        return new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return new PluginDescriptor("vault", "Vault", "1.0", "test type that leaks its secrets",
                        Duration.ofMillis(200), null, SCHEMA);
            }

            @Override
            public Plugin create(PluginContext context) {
                PluginConfig config = context.config();
                String leak = "key " + config.string("apiKey", "") + " at " + config.string("endpoint", "")
                        + " tokens " + config.json().path("tokens");
                if (config.json().path("failCreate").asBoolean(false)) {
                    throw new IllegalStateException("cannot start with " + leak);
                }
                return new Plugin() {
                    @Override
                    public void update(dev.ledmatrix.plugin.spi.UpdateContext ctx) throws IOException {
                        if (config.json().path("failUpdate").asBoolean(false)) {
                            throw new IOException("login refused for " + leak);
                        }
                    }

                    @Override
                    public void render(dev.ledmatrix.graphics.Canvas canvas, dev.ledmatrix.plugin.spi.RenderContext ctx) {
                        if (config.json().path("failRender").asBoolean(false)) {
                            throw new IllegalStateException("cannot draw " + leak);
                        }
                    }
                };
            }
        };
    }
}
