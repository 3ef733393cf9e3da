package io.ekms.ekm.auth.xks;

import io.ekms.common.secret.SecretBytes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Signs an XKS request with AWS Signature Version 4 as AWS KMS does: signed headers {@code host},
 * {@code x-amz-date} and {@code content-type}, the full path and the SHA-256 of the body, service
 * {@code kms-xks-proxy}. The counterpart of {@link SigV4Verifier}, sharing its canonical form, for
 * tools that call an XKS key store (the quickstart); the tests prove it against curl's signer.
 */
public final class SigV4Signer {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> SIGNED = List.of("content-type", "host", "x-amz-date");
  private final String accessKeyId;
  private final SecretBytes secret;
  private final String region;
  private final Clock clock;

  /** Signs as {@code accessKeyId} with {@code secret} for {@code region}. */
  public SigV4Signer(String accessKeyId, SecretBytes secret, String region, Clock clock) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.region = region;
    this.clock = clock;
  }

  /** The headers to send with a POST of {@code body} (JSON) to {@code uri}. */
  public Map<String, String> headers(URI uri, byte[] body) {
    String amzDate = AMZ_DATE.format(clock.instant());
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    Map<String, List<String>> values =
        Map.of(
            "content-type", List.of("application/json"),
            "host", List.of(host),
            "x-amz-date", List.of(amzDate));
    var signed =
        new SigV4Verifier.Signed(
            "POST", uri.getRawPath(), name -> values.getOrDefault(name, List.of()), body);
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + region + "/" + SigV4Verifier.SERVICE + "/aws4_request";
    String stringToSign =
        SigV4Verifier.ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + SigV4Verifier.sha256Hex(SigV4Verifier.canonical(signed, SIGNED));
    byte[] key =
        SigV4Verifier.signingKey(secret, new SigV4Verifier.Scope(accessKeyId, date, region));
    String signature =
        HexFormat.of()
            .formatHex(SigV4Verifier.hmac(key, stringToSign.getBytes(StandardCharsets.UTF_8)));
    java.util.Arrays.fill(key, (byte) 0);
    return Map.of(
        "Content-Type",
        "application/json",
        "X-Amz-Date",
        amzDate,
        "Authorization",
        SigV4Verifier.ALGORITHM
            + " Credential="
            + accessKeyId
            + "/"
            + scope
            + ", SignedHeaders="
            + String.join(";", SIGNED)
            + ", Signature="
            + signature);
  }
}
