package io.ekms.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal AWS SigV4 signer for XKS load runs (region {@code us-east-1}, service {@code
 * kms-xks-proxy}), where forking curl per request would measure curl. Signs a POST's content-type,
 * host and x-amz-date; that the EKM's verifier is right is established by ekms-ekm's curl-signed
 * tests, not by this class.
 */
final class SigV4 {
  private static final DateTimeFormatter AMZ =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private final String accessKeyId;
  private final String secret;

  SigV4(String accessKeyId, String secret) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
  }

  /** The headers that sign a POST of {@code body} (JSON) to {@code uri} at {@code now}. */
  Map<String, String> sign(URI uri, byte[] body, Instant now) {
    String host = uri.getHost() + ":" + uri.getPort();
    String date = AMZ.format(now);
    String day = date.substring(0, 8);
    String canonical =
        "POST\n"
            + uri.getRawPath()
            + "\n\ncontent-type:application/json\nhost:"
            + host
            + "\nx-amz-date:"
            + date
            + "\n\ncontent-type;host;x-amz-date\n"
            + hex(sha256(body));
    String scope = day + "/us-east-1/kms-xks-proxy/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + date
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] k = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    for (String part : new String[] {day, "us-east-1", "kms-xks-proxy", "aws4_request"}) {
      k = hmac(k, part);
    }
    return Map.of(
        "Content-Type",
        "application/json",
        "X-Amz-Date",
        date,
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + accessKeyId
            + "/"
            + scope
            + ", SignedHeaders=content-type;host;x-amz-date, Signature="
            + hex(hmac(k, toSign)));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides HmacSHA256", e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Override
  public String toString() {
    return "SigV4[" + accessKeyId + ", secret=[REDACTED]]";
  }
}
