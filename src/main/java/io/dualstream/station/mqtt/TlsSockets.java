package io.dualstream.station.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** The TLS socket factory for an {@code ssl://} broker, from {@code mqtt.tls}: whom to trust, who we are. */
final class TlsSockets {
    private TlsSockets() {
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong with it (never a password)
     */
    static SSLSocketFactory factory(MqttSettings.Tls tls) {
        try {
            TrustManagerFactory trust = null;
            if (tls.caFile().isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates(tls.caFile().get())) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                if (i == 0) {
                    throw new IllegalArgumentException("mqtt.tls.ca-file " + tls.caFile().get() + " holds no "
                            + "certificate: give the broker's CA certificate in PEM");
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (tls.keystore().isPresent()) {
                char[] password = tls.keystorePassword().orElse("").toCharArray();
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(tls.keystore().get())) {
                    store.load(in, password);
                } catch (IOException e) {
                    throw new IllegalArgumentException("mqtt.tls.keystore " + tls.keystore().get() + " cannot be read "
                            + "as PKCS#12 with the given password: " + e.getMessage());
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("mqtt.tls: " + e.getMessage());
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("mqtt.tls.ca-file " + pem + " is not a PEM certificate: "
                    + e.getMessage());
        }
    }
}
