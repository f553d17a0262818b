package dev.copilotgateway.fakeupstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made at test time with the JDK's {@code keytool}
 * (no private key in the repository): a PKCS12 key store for the fake's TLS listener and a PKCS12 trust store holding
 * only the certificate, for the clients that should trust it. Made once per JVM, in a temporary directory.
 */
public final class SelfSignedCertificate {

    private static final String ALIAS = "fake-upstream";
    private static SelfSignedCertificate loopback;

    private final Path keyStore;
    private final Path trustStore;
    private final String password;

    private SelfSignedCertificate(Path keyStore, Path trustStore, String password) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.password = password;
    }

    /** The JVM's certificate for the loopback address, made on first use. */
    public static synchronized SelfSignedCertificate forLoopback() {
        if (loopback == null) {
            loopback = make();
        }
        return loopback;
    }

    private static SelfSignedCertificate make() {
        try {
            Path dir = Files.createTempDirectory("fake-upstream-tls");
            Path keyStore = dir.resolve("server.p12");
            Path trustStore = dir.resolve("trust.p12");
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            keytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
            Certificate certificate = load(keyStore, password).getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, password.toCharArray());
            }
            for (Path file : List.of(keyStore, trustStore, dir)) {
                file.toFile().deleteOnExit(); // files first: a directory is deleted only when empty
            }
            return new SelfSignedCertificate(keyStore, trustStore, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the fake upstream's certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the fake upstream's certificate", e);
        }
    }

    private static void keytool(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** The server's key and certificate (PKCS12). */
    Path keyStore() {
        return keyStore;
    }

    /** Of both stores and the key. */
    public String password() {
        return password;
    }

    /** A PKCS12 trust store with only this certificate, e.g. for {@code -Djavax.net.ssl.trustStore}. */
    public Path trustStore() {
        return trustStore;
    }

    /** A TLS context that trusts this certificate and nothing else. */
    public SSLContext trustingContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, password));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
