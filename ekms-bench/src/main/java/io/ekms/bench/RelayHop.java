package io.ekms.bench;

import io.ekms.common.tls.TrustBundle;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The ceiling's relay hop, made with the client the KMS uses to reach an EKM: Helidon's blocking
 * HTTP/1.1 client, keep-alive, on the handling request's virtual thread. Posts {@code {}} and reads
 * the answer whole.
 */
final class RelayHop {
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private final Http1Client http;
  private final String url;

  RelayHop(List<X509Certificate> trust, String url) {
    this.http =
        Http1Client.builder()
            .tls(
                Tls.builder()
                    .sslContext(TrustBundle.sslContext(trust))
                    .enabledProtocols(List.of("TLSv1.3", "TLSv1.2"))
                    .build())
            .proxy(Proxy.noProxy())
            .keepAlive(true)
            .shareConnectionCache(false)
            .servicesDiscoverServices(false)
            .build();
    this.url = url;
  }

  /** One relayed call; throws unless the answer is 200. */
  void run() {
    try (Http1ClientResponse response =
        http.post(url).header(HeaderValues.CONTENT_TYPE_JSON).submit(EMPTY_OBJECT)) {
      response.entity().as(byte[].class);
      if (response.status().code() != 200) {
        throw new IllegalStateException("the relay's hop answered " + response.status());
      }
    }
  }
}
