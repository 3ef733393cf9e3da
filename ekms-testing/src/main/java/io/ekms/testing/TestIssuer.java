package io.ekms.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.http.Responses;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.LocalCa;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OAuth issuer for tests: HTTPS on 127.0.0.1 (a free port) with a certificate from its own
 * {@link LocalCa}, serving {@code /.well-known/openid-configuration} and {@code /jwks} (public keys
 * only) and a client-credentials token endpoint at {@code /oauth2/v1/token} for clients registered
 * with {@link #registerClient}. Its base URL is both the tokens' {@code iss} and what an OCI vault
 * calls the {@code idcsAccountNameUrl}. It signs with an RSA 2048 key (RS256) and an EC P-256 key
 * (ES256), both published; {@link #rotateKey()} adds a new current RSA key and keeps publishing the
 * old ones. Tests can also mint tokens directly with {@link #token()}. Counts JWKS, discovery and
 * token requests so tests can assert caching. Close it to stop the server.
 */
public final class TestIssuer implements AutoCloseable {
  private final LocalCa ca = LocalCa.create("ekms test issuer CA");
  private final List<RSAKey> rsaKeys = new CopyOnWriteArrayList<>();
  private final ECKey ecKey = newEcKey();
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private final AtomicInteger discoveryFetches = new AtomicInteger();
  private final TokenEndpoint tokenEndpoint = new TokenEndpoint(this);
  private final WebServer server;
  private final String issuer;
  private RSAKey unpublished; // guarded by this

  private TestIssuer() {
    rsaKeys.add(newRsaKey());
    var identity = ca.issueServer("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"));
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .tls(ServerTls.of(identity))
            .routing(this::routing)
            .build()
            .start();
    issuer = "https://127.0.0.1:" + server.port();
  }

  /** Starts an issuer; close it when done. */
  public static TestIssuer start() {
    return new TestIssuer();
  }

  /**
   * The {@code iss} value of this issuer's tokens, {@code https://127.0.0.1:<port>}; also the
   * {@code idcsAccountNameUrl} under which {@link #tokenEndpoint()} lives.
   */
  public String issuer() {
    return issuer;
  }

  public String jwksUri() {
    return issuer + "/jwks";
  }

  public String discoveryUrl() {
    return issuer + "/.well-known/openid-configuration";
  }

  public String tokenEndpoint() {
    return issuer + TokenEndpoint.PATH;
  }

  /**
   * Registers a client of the token endpoint whose tokens name {@code audience} and live one hour;
   * it must ask for scope {@code <audience>oci_ekms}. Registering an id again replaces it.
   */
  public void registerClient(String clientId, String secret, String audience) {
    registerClient(clientId, secret, audience, Duration.ofHours(1));
  }

  /** Like {@link #registerClient(String, String, String)}, with tokens living {@code lifetime}. */
  public void registerClient(String clientId, String secret, String audience, Duration lifetime) {
    tokenEndpoint.register(clientId, secret, audience, lifetime);
  }

  /** How many requests the token endpoint has received, successful or not. */
  public int tokenRequestCount() {
    return tokenEndpoint.requestCount();
  }

  /**
   * Makes the token endpoint hold every request (already counted) until {@code release} is open;
   * null answers at once again.
   */
  public void holdTokens(CountDownLatch release) {
    tokenEndpoint.hold(release);
  }

  /** The PEM of the CA that issued this server's certificate: trust it to fetch the JWKS. */
  public String caPem() {
    return ca.certificatePem();
  }

  /** The key id of the current RSA signing key. */
  public String currentKid() {
    return currentKey().getKeyID();
  }

  /** The key id of the published EC P-256 key. */
  public String ecKid() {
    return ecKey.getKeyID();
  }

  /** Makes a new RSA key current, still publishing the previous ones; returns its key id. */
  public String rotateKey() {
    rsaKeys.add(newRsaKey());
    return currentKid();
  }

  /** How many times {@code /jwks} has been served. */
  public int jwksFetchCount() {
    return jwksFetches.get();
  }

  /** How many times the discovery document has been served. */
  public int discoveryFetchCount() {
    return discoveryFetches.get();
  }

  /**
   * The current RSA signing key as a private JWK (JSON), for tools that mint their own tokens under
   * this issuer (the conformance kit's {@code --signing-key}).
   */
  public String signingKeyJson() {
    return currentKey().toJSONString();
  }

  /** A new token minter with valid defaults for this issuer (no audience until set). */
  public TestTokenBuilder token() {
    return new TestTokenBuilder(this);
  }

  @Override
  public void close() {
    server.stop();
  }

  RSAKey currentKey() {
    return rsaKeys.get(rsaKeys.size() - 1);
  }

  ECKey ecKey() {
    return ecKey;
  }

  /** An RSA key that is never published (created on first use). */
  synchronized RSAKey unpublishedKey() {
    if (unpublished == null) {
      unpublished = newRsaKey();
    }
    return unpublished;
  }

  private void routing(HttpRouting.Builder routing) {
    routing
        .get("/.well-known/openid-configuration", this::discovery)
        .get("/jwks", this::jwks)
        .post(TokenEndpoint.PATH, tokenEndpoint::handle);
  }

  private void discovery(ServerRequest request, ServerResponse response) {
    discoveryFetches.incrementAndGet();
    Map<String, Object> document =
        Map.of("issuer", issuer, "jwks_uri", jwksUri(), "token_endpoint", tokenEndpoint());
    Responses.json(response, 200, document);
  }

  private void jwks(ServerRequest request, ServerResponse response) {
    jwksFetches.incrementAndGet();
    List<JWK> keys = new ArrayList<>(rsaKeys);
    keys.add(ecKey);
    Responses.json(response, 200, new JWKSet(keys).toPublicJWKSet().toJSONObject());
  }

  private static RSAKey newRsaKey() {
    try {
      return new RSAKeyGenerator(2048)
          .keyID("rsa-" + Randoms.hex(8))
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey newEcKey() {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyID("ec-" + Randoms.hex(8))
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
