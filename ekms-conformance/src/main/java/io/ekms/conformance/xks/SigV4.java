package io.ekms.conformance.xks;

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
 * AWS Signature Version 4 for XKS calls, written from AWS's published algorithm and independent of
 * the EKM's verifier: service {@code kms-xks-proxy}, signed headers {@code content-type}, {@code
 * host} and {@code x-amz-date} (what curl and AWS KMS sign), the path as sent, an empty query and
 * the SHA-256 of the body. The signing time is a parameter, so a check can sign in the past.
 */
public final class SigV4 {
  static final String SERVICE = "kms-xks-proxy";
  private static final DateTimeFormatter AMZ =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private final String accessKeyId;
  private final byte[] secret;
  private final String region;

  public SigV4(String accessKeyId, String secret, String region) {
    this.accessKeyId = accessKeyId;
    this.secret = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    this.region = region;
  }

  /** The headers that sign a POST of {@code body} (JSON) to {@code uri} at {@code at}. */
  public Map<String, String> sign(URI uri, byte[] body, Instant at) {
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    String date = AMZ.format(at);
    String day = date.substring(0, 8);
    String canonical =
        String.join(
            "\n",
            "POST",
            uri.getRawPath(),
            "",
            "content-type:application/json",
            "host:" + host,
            "x-amz-date:" + date,
            "",
            "content-type;host;x-amz-date",
            hex(sha256(body)));
    String scope = day + "/" + region + "/" + SERVICE + "/aws4_request";
    String toSign =
        String.join(
            "\n",
            "AWS4-HMAC-SHA256",
            date,
            scope,
            hex(sha256(canonical.getBytes(StandardCharsets.UTF_8))));
    byte[] key = secret;
    for (String part : new String[] {day, region, SERVICE, "aws4_request"}) {
      key = hmac(key, part);
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
            + hex(hmac(key, toSign)));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
