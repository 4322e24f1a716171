package dev.ledmatrix.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code ledmatrix.mqtt.*}: the optional connection to an MQTT broker for Home Assistant. Bound (and checked) only
 * when {@code enabled=true}; with MQTT off nothing of this package is even created.
 *
 * @param enabled           connect to a broker at all (default false)
 * @param uri               {@code tcp://host:port} or {@code ssl://host:port} (port defaults 1883 and 8883)
 * @param deviceId          this display's id in topics and in Home Assistant; generated once into
 *                          {@code <data-dir>/mqtt-device-id} when unset
 * @param deviceName        the device's name in Home Assistant
 * @param clientId          MQTT client id; default {@code ledmatrix-<device-id>}
 * @param username          broker user, if the broker wants one
 * @param password          broker password: a secret, never logged nor shown
 * @param tls               which server certificates an {@code ssl://} connection trusts
 * @param baseTopic         prefix of every state and command topic; default {@code ledmatrix/<device-id>}
 * @param discoveryPrefix   Home Assistant's discovery prefix
 * @param qos               quality of service of state, discovery and command subscriptions (0-2)
 * @param keepAlive         MQTT keep-alive; the broker publishes the last will after 1.5 × this of silence
 * @param reconnectDelay    first wait before reconnecting; it doubles on each failure
 * @param reconnectMaxDelay the longest wait between reconnect attempts (they go on forever)
 * @param minPublishInterval a state topic is published at most once per this interval (latest value wins)
 */
@Validated
@ConditionalOnBooleanProperty("ledmatrix.mqtt.enabled")
@ConfigurationProperties("ledmatrix.mqtt")
public record MqttProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("tcp://localhost:1883") @NotNull URI uri,
        @jakarta.validation.constraints.Pattern(regexp = ID) String deviceId,
        @DefaultValue("LED Matrix") @NotBlank String deviceName,
        @jakarta.validation.constraints.Pattern(regexp = "[\\x21-\\x7e]{1,64}") String clientId,
        String username,
        String password,
        @DefaultValue @Valid @NotNull Tls tls,
        @jakarta.validation.constraints.Pattern(regexp = TOPIC) String baseTopic,
        @DefaultValue("homeassistant") @jakarta.validation.constraints.Pattern(regexp = TOPIC) String discoveryPrefix,
        @DefaultValue("1") @Min(0) @Max(2) int qos,
        @DefaultValue("30s") @NotNull Duration keepAlive,
        @DefaultValue("1s") @NotNull Duration reconnectDelay,
        @DefaultValue("2m") @NotNull Duration reconnectMaxDelay,
        @DefaultValue("250ms") @NotNull Duration minPublishInterval) {

    /** Characters Home Assistant allows in discovery topic ids and that need no escaping anywhere. */
    static final String ID = "[a-zA-Z0-9_-]{1,64}";
    /** A topic prefix: levels of printable characters without wildcards, no empty level, no leading '$'. */
    static final String TOPIC = "[^$#+/\\s][^#+\\s]{0,199}(?<!/)";
    static final Pattern ID_PATTERN = Pattern.compile(ID);

    /**
     * Trust for {@code ssl://}: the JDK's default trust store unless a CA certificate or a trust store is given.
     *
     * @param caCertificate      a PEM file with the CA certificate(s) that signed the broker's certificate
     * @param trustStore         a PKCS12 or JKS trust store (instead of caCertificate)
     * @param trustStorePassword its password (a secret)
     * @param trustStoreType     {@code PKCS12} or {@code JKS}
     * @param verifyHostname     check that the certificate names the broker's host
     */
    public record Tls(Path caCertificate, Path trustStore, String trustStorePassword,
            @DefaultValue("PKCS12") String trustStoreType, @DefaultValue("true") boolean verifyHostname) {

        @AssertTrue(message = "give either ca-certificate or trust-store, not both")
        boolean isOneSourceOfTrust() {
            return caCertificate == null || trustStore == null;
        }

        @Override
        public String toString() {
            return "Tls[caCertificate=" + caCertificate + ", trustStore=" + trustStore + ", trustStorePassword="
                    + (trustStorePassword == null ? null : "••••••") + ", trustStoreType=" + trustStoreType
                    + ", verifyHostname=" + verifyHostname + "]";
        }
    }

    @AssertTrue(message = "must be tcp://host[:port] or ssl://host[:port]")
    boolean isUriValid() {
        if (uri == null) {
            return true;
        }
        String scheme = uri.getScheme();
        return ("tcp".equals(scheme) || "ssl".equals(scheme)) && uri.getHost() != null
                && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))
                && uri.getUserInfo() == null && uri.getQuery() == null;
    }

    @AssertTrue(message = "must be positive")
    boolean isDurationsPositive() {
        return positive(keepAlive) && positive(reconnectDelay) && positive(reconnectMaxDelay)
                && minPublishInterval != null && !minPublishInterval.isNegative();
    }

    @AssertTrue(message = "must be at most 65535 seconds (the protocol's limit)")
    boolean isKeepAliveInRange() {
        return keepAlive == null || keepAlive.toSeconds() <= 65_535;
    }

    @AssertTrue(message = "password needs a username")
    boolean isPasswordWithUser() {
        return password == null || username != null;
    }

    boolean ssl() {
        return "ssl".equals(uri.getScheme());
    }

    int port() {
        return uri.getPort() > 0 ? uri.getPort() : ssl() ? 8883 : 1883;
    }

    private static boolean positive(Duration d) {
        return d == null || (!d.isNegative() && !d.isZero());
    }

    /** The password and trust store password never appear, so this can be logged. */
    @Override
    public String toString() {
        return "MqttProperties[uri=" + uri + ", deviceId=" + deviceId + ", clientId=" + clientId + ", username="
                + username + ", password=" + (password == null ? null : "••••••") + ", tls=" + tls + ", baseTopic="
                + baseTopic + ", discoveryPrefix=" + discoveryPrefix + ", qos=" + qos + "]";
    }
}
