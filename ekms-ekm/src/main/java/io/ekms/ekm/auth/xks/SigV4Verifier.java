package io.ekms.ekm.auth.xks;

import io.ekms.common.secret.SecretBytes;
import io.ekms.ekm.domain.xks.XksError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on an XKS request: recomputes the signature over exactly the
 * headers the client listed in {@code SignedHeaders}, the full path (prefix included), an empty
 * query and the SHA-256 of the body, and compares in constant time. Every failure is the same
 * AuthenticationFailedException, so a caller cannot tell an unknown key id from a bad signature.
 */
public final class SigV4Verifier {
  static final String SERVICE = "kms-xks-proxy";
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final HexFormat HEX = HexFormat.of();

  /** The one answer to a well-formed signature that does not verify, whatever the reason. */
  static final String NOT_VERIFIED = "The request signature could not be verified.";

  private final Clock clock;
  private final DummySigningKeys dummyKeys = new DummySigningKeys();

  public SigV4Verifier(Clock clock) {
    this.clock = clock;
  }

  /** A request as signed: method, raw path, header values by lower-case name, and body. */
  public record Signed(
      String method, String path, Function<String, List<String>> headers, byte[] body) {}

  /** The credential scope a signing key is derived for. */
  public record Scope(String accessKeyId, String date, String region) {}

  /**
   * Returns the verified access key id; {@code signingKeys} gives the SigV4 signing key of a scope
   * ({@link #signingKey}), or nothing for an unknown access key id.
   */
  public String verify(Signed req, Function<Scope, Optional<byte[]>> signingKeys) {
    List<String> auth = req.headers().apply("authorization");
    if (auth.size() != 1 || !auth.get(0).startsWith(ALGORITHM + " ")) {
      throw failed("The request is not signed with " + ALGORITHM + ".");
    }
    SigV4Authorization a = SigV4Authorization.parse(auth.get(0).substring(ALGORITHM.length()));
    String amzDate = single(req, "x-amz-date");
    checkTime(amzDate);
    if (!a.signedHeaders().contains("host") || !a.signedHeaders().contains("x-amz-date")) {
      throw failed("SignedHeaders must include host and x-amz-date.");
    }
    if (!a.date().equals(amzDate.substring(0, 8)) || !a.service().equals(SERVICE)) {
      throw failed("The credential scope does not match the request.");
    }
    String scope = a.date() + "/" + a.region() + "/" + SERVICE + "/aws4_request";
    String stringToSign =
        ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + sha256Hex(canonical(req, a.signedHeaders()));
    Scope keyScope = new Scope(a.accessKeyId(), a.date(), a.region());
    Optional<byte[]> known = signingKeys.apply(keyScope);
    // An unknown key id costs the same HMAC and comparison as a known one and fails the same way.
    byte[] key = known.orElseGet(() -> dummyKeys.of(keyScope));
    byte[] expected = hmac(key, stringToSign.getBytes(StandardCharsets.UTF_8));
    byte[] given = a.signature().getBytes(StandardCharsets.US_ASCII);
    boolean matches =
        MessageDigest.isEqual(HEX.formatHex(expected).getBytes(StandardCharsets.US_ASCII), given);
    if (!matches | known.isEmpty()) {
      throw failed(NOT_VERIFIED);
    }
    return a.accessKeyId();
  }

  static String canonical(Signed req, List<String> signedHeaders) {
    StringBuilder c = new StringBuilder();
    c.append(req.method()).append('\n').append(req.path()).append('\n').append('\n');
    for (String name : signedHeaders) {
      List<String> values = req.headers().apply(name);
      if (values.isEmpty()) {
        throw failed("A signed header is missing.");
      }
      c.append(name).append(':');
      c.append(
          String.join(",", values.stream().map(v -> v.strip().replaceAll(" +", " ")).toList()));
      c.append('\n');
    }
    c.append('\n').append(String.join(";", signedHeaders)).append('\n');
    return c.append(sha256Hex(req.body())).toString();
  }

  private void checkTime(String amzDate) {
    Instant signedAt;
    try {
      // Parsed by hand: a DateTimeFormatter costs more than the rest of the verification.
      if (amzDate.charAt(8) != 'T' || amzDate.charAt(15) != 'Z') {
        throw failed("x-amz-date is not a valid date.");
      }
      signedAt =
          LocalDateTime.of(
                  num(amzDate, 0, 4),
                  num(amzDate, 4, 6),
                  num(amzDate, 6, 8),
                  num(amzDate, 9, 11),
                  num(amzDate, 11, 13),
                  num(amzDate, 13, 15))
              .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException | NumberFormatException e) {
      throw failed("x-amz-date is not a valid date.");
    }
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
      throw failed("The request time is more than 5 minutes from the server's.");
    }
  }

  private static int num(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new NumberFormatException();
      }
    }
    return Integer.parseInt(s, from, to, 10);
  }

  private static String single(Signed req, String name) {
    List<String> values = req.headers().apply(name);
    if (values.size() != 1 || values.get(0).length() != 16) {
      throw failed("Exactly one x-amz-date header is required.");
    }
    return values.get(0);
  }

  /** The SigV4 signing key of {@code secret} for one day, region and this service. */
  public static byte[] signingKey(SecretBytes secret, Scope scope) {
    return secret.reveal(s -> signingKey(s, scope));
  }

  private static byte[] signingKey(byte[] secret, Scope a) {
    byte[] k = new byte[4 + secret.length];
    System.arraycopy("AWS4".getBytes(StandardCharsets.US_ASCII), 0, k, 0, 4);
    System.arraycopy(secret, 0, k, 4, secret.length);
    byte[] date = hmac(k, a.date().getBytes(StandardCharsets.UTF_8));
    java.util.Arrays.fill(k, (byte) 0);
    byte[] region = hmac(date, a.region().getBytes(StandardCharsets.UTF_8));
    byte[] service = hmac(region, SERVICE.getBytes(StandardCharsets.UTF_8));
    return hmac(service, "aws4_request".getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  static String sha256Hex(String s) {
    return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  static io.ekms.core.error.ApiException failed(String message) {
    return XksError.AUTHENTICATION_FAILED.error(message);
  }
}
