package io.dualstream.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throw-away CA and a server certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1, so hostname
 * verification passes), made with the {@code openssl} command for a TLS broker in tests. PEM files in
 * the test's folder, valid for two days.
 */
public record TestCertificates(Path caFile, Path serverCertificate, Path serverKey) {
    public static TestCertificates in(Path folder) throws IOException {
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            fail("openssl not found: sudo apt-get install openssl (the TLS broker test makes its certificates with it)");
        }
        Files.createDirectories(folder);
        Path caKey = folder.resolve("ca.key");
        Path ca = folder.resolve("ca.pem");
        Path key = folder.resolve("server.key");
        Path csr = folder.resolve("server.csr");
        Path cert = folder.resolve("server.pem");
        Path ext = Files.writeString(folder.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
        String o = openssl.toString();
        MosquittoBroker.run(List.of(o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(),
                "-out", ca.toString(), "-days", "2", "-subj", "/CN=dualstream-test-ca"));
        MosquittoBroker.run(List.of(o, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                csr.toString(), "-subj", "/CN=127.0.0.1"));
        MosquittoBroker.run(List.of(o, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey",
                caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile",
                ext.toString()));
        return new TestCertificates(ca, cert, key);
    }
}
