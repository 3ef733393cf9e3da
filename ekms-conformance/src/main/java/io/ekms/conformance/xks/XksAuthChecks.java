package io.ekms.conformance.xks;

import static io.ekms.conformance.xks.XksCalls.op;

import io.ekms.common.json.Json;
import io.ekms.conformance.Answer;
import io.ekms.conformance.Check;
import io.ekms.conformance.CheckSkipped;
import io.ekms.conformance.Expect;
import io.ekms.conformance.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** SigV4 authentication: wrong and unknown credentials alike, stale dates, changed bodies, mTLS. */
final class XksAuthChecks {
  private static final String UNKNOWN_AKID = "AKIACONFORMANCEUNKNOWN2345";
  private final XksCalls calls;
  private final XksTarget target;

  XksAuthChecks(XksCalls calls) {
    this.calls = calls;
    this.target = calls.target;
  }

  List<Check> all() {
    return List.of(
        Check.of(
            "xks.auth.unknown-access-key",
            "an unknown access key id on every operation: 401 AuthenticationFailedException",
            () ->
                everyOperation(
                    new SigV4(UNKNOWN_AKID, target.credential().secret(), "us-east-1"),
                    "unknown access key")),
        Check.of(
            "xks.auth.wrong-secret",
            "a wrong secret on every operation: 401 AuthenticationFailedException",
            () -> everyOperation(wrongSecret(), "wrong secret")),
        Check.of(
            "xks.auth.alike",
            "an unknown access key and a wrong secret get the same answer",
            this::alike),
        Check.of(
            "xks.auth.unsigned",
            "a request without a signature: 401 AuthenticationFailedException",
            this::unsigned),
        Check.of(
            "xks.auth.stale-date",
            "a request signed ten minutes ago: 401 AuthenticationFailedException",
            this::stale),
        Check.of(
            "xks.auth.body-changed",
            "a body changed after signing: 401 AuthenticationFailedException",
            this::bodyChanged),
        Check.of(
            "xks.auth.second-credential",
            "a second live credential of the store is accepted",
            this::second),
        Check.of(
            "xks.mtls.no-certificate-refused",
            "without a client certificate the handshake is refused",
            () -> refusedWith(MutualTlsOf.WITHOUT)),
        Check.of(
            "xks.mtls.self-signed-refused",
            "with a self-signed client certificate the handshake is refused",
            () -> refusedWith(MutualTlsOf.SELF_SIGNED)),
        Check.of(
            "xks.mtls.expired-refused",
            "with an expired client certificate the handshake is refused",
            () -> refusedWith(MutualTlsOf.EXPIRED)));
  }

  private SigV4 wrongSecret() {
    return new SigV4(
        target.credential().accessKeyId(), "Invalid" + target.credential().secret(), "us-east-1");
  }

  private static Map<String, Object> body() {
    return Map.of("requestMetadata", XksCalls.metadata("DescribeKey"));
  }

  private void everyOperation(SigV4 by, String what) throws Exception {
    for (String path : calls.everyOperation()) {
      XksCalls.error(
          calls.sendAs(by, path, body()),
          401,
          "AuthenticationFailedException",
          what + " on " + path);
    }
  }

  private void alike() throws Exception {
    String path = op(target.keyId(), "metadata");
    Answer unknown =
        calls.sendAs(
            new SigV4(UNKNOWN_AKID, target.credential().secret(), "us-east-1"), path, body());
    Answer wrong = calls.sendAs(wrongSecret(), path, body());
    Expect.that(
        unknown.status() == wrong.status() && unknown.text().equals(wrong.text()),
        "they differ, so an attacker learns which access key ids exist: "
            + unknown.brief()
            + " / "
            + wrong.brief());
  }

  private void unsigned() throws Exception {
    XksCalls.error(
        calls.sendAs(null, op(target.keyId(), "metadata"), body()),
        401,
        "AuthenticationFailedException",
        "unsigned");
  }

  private void stale() throws Exception {
    String url = target.baseUrl() + XksCalls.API + op(target.keyId(), "metadata");
    Answer a =
        calls.send(
            target.wire(),
            url,
            Json.write(body()),
            XksCalls.signer(target.credential()),
            Instant.now().minus(Duration.ofMinutes(10)));
    XksCalls.error(a, 401, "AuthenticationFailedException", "signed ten minutes ago");
  }

  private void bodyChanged() throws Exception {
    String url = target.baseUrl() + XksCalls.API + op(target.keyId(), "metadata");
    var headers =
        new java.util.HashMap<>(
            XksCalls.signer(target.credential())
                .sign(java.net.URI.create(url), Json.write(body()), Instant.now()));
    byte[] other = Json.write(Map.of("requestMetadata", XksCalls.metadata("CreateKey")));
    XksCalls.error(
        target.wire().send("POST", url, headers, other),
        401,
        "AuthenticationFailedException",
        "changed body");
  }

  private void second() throws Exception {
    var credential =
        target
            .second()
            .orElseThrow(
                () ->
                    new CheckSkipped(
                        "needs a second credential: give --second-access-key-id and --second-secret-file"));
    Expect.status(
        calls.sendAs(XksCalls.signer(credential), op(target.keyId(), "metadata"), body()),
        200,
        "the second credential");
  }

  private enum MutualTlsOf {
    WITHOUT,
    SELF_SIGNED,
    EXPIRED
  }

  private void refusedWith(MutualTlsOf which) throws Exception {
    var mtls =
        target
            .mutualTls()
            .orElseThrow(
                () ->
                    new CheckSkipped(
                        "needs a store with mutual TLS: give --client-cert and --client-key"));
    Wire wire =
        switch (which) {
          case WITHOUT -> mtls.without();
          case SELF_SIGNED -> mtls.selfSigned();
          case EXPIRED -> mtls.expired();
        };
    Answer answer;
    try {
      answer =
          calls.send(
              wire,
              target.baseUrl() + XksCalls.API + "/health",
              Json.write(
                  Map.of(
                      "requestMetadata",
                      Map.of(
                          "kmsRequestId", "conformance-mtls", "kmsOperation", "KmsHealthCheck"))),
              XksCalls.signer(target.credential()),
              Instant.now());
    } catch (java.io.IOException refused) {
      return;
    }
    Expect.that(
        false, "the store served a client without a trusted certificate: " + answer.brief());
  }
}
