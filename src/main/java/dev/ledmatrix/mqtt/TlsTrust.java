package dev.ledmatrix.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.TrustManagerFactory;

/** The certificates an {@code ssl://} broker connection trusts (ledmatrix.mqtt.tls.*). */
final class TlsTrust {

    private TlsTrust() {
    }

    /** From the CA certificate file or the trust store; null for the JDK's default trust. */
    static TrustManagerFactory trustManagerFactory(MqttProperties.Tls tls) {
        try {
            KeyStore store;
            if (tls.caCertificate() != null) {
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(tls.caCertificate())) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certificates.isEmpty()) {
                    throw new IllegalStateException("ledmatrix.mqtt.tls.ca-certificate " + tls.caCertificate()
                            + " holds no certificate");
                }
                int n = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("ca-" + n++, certificate);
                }
            } else if (tls.trustStore() != null) {
                store = KeyStore.getInstance(tls.trustStoreType());
                try (InputStream in = Files.newInputStream(tls.trustStore())) {
                    store.load(in, tls.trustStorePassword() == null ? null : tls.trustStorePassword().toCharArray());
                }
            } else {
                return null;
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the MQTT trust settings (ledmatrix.mqtt.tls.*): " + e.getMessage(),
                    e);
        }
    }
}
