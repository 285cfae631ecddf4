package io.sluice.server.http;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The TLS side of the server: the operator's certificate and key (PEM), or a self-signed pair kept in the data
 * directory. ALPN offers h2 and http/1.1, and a client that offers no ALPN at all (the Java SDK does not for
 * Kinesis) is served too: the protocol is told from its first bytes after the handshake. Stateless.
 */
public final class TlsSettings {

    private TlsSettings() {
    }

    public static SslContext serverContext(Path certFile, Path keyFile, Path dataDir) throws IOException {
        Path cert = certFile;
        Path key = keyFile;
        if (cert == null || key == null) {
            Path[] generated = SelfSignedCertificate.ensure(dataDir.resolve("tls"));
            cert = generated[0];
            key = generated[1];
        }
        return SslContextBuilder.forServer(cert.toFile(), key.toFile())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }
}
