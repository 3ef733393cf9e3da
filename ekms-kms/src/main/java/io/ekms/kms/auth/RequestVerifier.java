package io.ekms.kms.auth;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import io.ekms.kms.auth.PublicKeyDirectory.RegisteredKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies OCI API-key request signatures (draft-cavage HTTP Signatures, {@code rsa-sha256}) and
 * answers the authenticated {@link Principal}, or throws {@link NotAuthenticatedException}.
 *
 * <p>Every request must sign {@code date} (or {@code x-date}, which wins when both are signed),
 * {@code (request-target)} and {@code host}; POST, PUT and PATCH must also sign {@code
 * content-length}, {@code content-type} and {@code x-content-sha256}. The checks run cheapest
 * first: header syntax and algorithm, required headers, date within {@link #MAX_CLOCK_SKEW}, key
 * look-up, RSA signature, then (whenever they are signed, on any method) the body's length and
 * SHA-256. The path and query must be passed exactly as the request line carried them (still
 * percent-encoded), since that is what the client signed.
 *
 * <p>Thread-safe; it holds no per-request state.
 */
public final class RequestVerifier {
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final String ALGORITHM = "rsa-sha256";
  public static final int MAX_TARGET_CHARS = 8 * 1024;

  private static final String SIGNATURE_NOT_VERIFIED =
      "The signature does not verify with the key named by keyId.";
  private static final List<String> ALWAYS_SIGNED = List.of(SigningString.REQUEST_TARGET, "host");
  private static final List<String> BODY_SIGNED =
      List.of("content-length", "content-type", "x-content-sha256");
  private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,16}");
  private static final Pattern TARGET = Pattern.compile("/[\\x21-\\x7e]*");
  private static final PublicKey DUMMY_KEY = dummyKey();

  private final PublicKeyDirectory keys;
  private final Clock clock;

  public RequestVerifier(PublicKeyDirectory keys, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies one request. {@code pathAndQuery} is the raw request target, for example {@code
   * /20180608/keys?compartmentId=...}; {@code body} is the complete body as received, empty when
   * there is none.
   */
  public Principal verify(String method, String pathAndQuery, RequestHeaders headers, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (method == null || !METHOD.matcher(method).matches()) {
      throw refuse(Reason.MALFORMED, "The request method is not usable.");
    }
    if (pathAndQuery == null
        || pathAndQuery.length() > MAX_TARGET_CHARS
        || !TARGET.matcher(pathAndQuery).matches()) {
      throw refuse(Reason.MALFORMED, "The request target is not usable.");
    }
    SignatureHeader sig = SignatureHeader.parse(authorization(headers));
    if (!ALGORITHM.equals(sig.algorithm())) {
      throw refuse(Reason.UNSUPPORTED_ALGORITHM, "The signature algorithm must be rsa-sha256.");
    }
    String lowerMethod = method.toLowerCase(Locale.ROOT);
    requireSigned(sig.signedHeaders(), lowerMethod);
    Map<String, String> values = SigningString.signedValues(sig.signedHeaders(), headers);
    checkDate(values.containsKey("x-date") ? values.get("x-date") : values.get("date"));
    Optional<RegisteredKey> key = keys.find(sig.keyId());
    String signed = SigningString.build(sig.signedHeaders(), lowerMethod, pathAndQuery, values);
    // An unknown keyId costs the same RSA verification as a known one and answers the same way.
    boolean valid = signatureValid(key.map(RegisteredKey::publicKey), signed, sig.signature());
    if (key.isEmpty()) {
      throw refuse(Reason.UNKNOWN_KEY, SIGNATURE_NOT_VERIFIED);
    }
    if (!valid) {
      throw refuse(Reason.BAD_SIGNATURE, SIGNATURE_NOT_VERIFIED);
    }
    SignedBody.check(values, body);
    return key.get().principal();
  }

  private static String authorization(RequestHeaders headers) {
    List<String> values = headers.values("authorization");
    if (values.isEmpty() || values.get(0).isBlank()) {
      throw refuse(Reason.MISSING, "The request is not signed: no Authorization header.");
    }
    if (values.size() > 1) {
      throw refuse(Reason.MALFORMED, "The request has more than one Authorization header.");
    }
    return values.get(0).strip();
  }

  private static void requireSigned(List<String> signed, String lowerMethod) {
    if (!signed.contains("date") && !signed.contains("x-date")) {
      throw missingSigned("date");
    }
    for (String name : ALWAYS_SIGNED) {
      if (!signed.contains(name)) {
        throw missingSigned(name);
      }
    }
    boolean hasBody =
        switch (lowerMethod) {
          case "post", "put", "patch" -> true;
          default -> false;
        };
    for (String name : hasBody ? BODY_SIGNED : List.<String>of()) {
      if (!signed.contains(name)) {
        throw missingSigned(name);
      }
    }
  }

  private void checkDate(String value) {
    Instant date;
    try {
      date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw refuse(Reason.MALFORMED, "The signed date is not an RFC 7231 (RFC 1123) date.");
    }
    Duration skew = Duration.between(clock.instant(), date).abs();
    if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw refuse(
          Reason.CLOCK_SKEW, "The signed date is more than 5 minutes from the server's clock.");
    }
  }

  private static boolean signatureValid(Optional<PublicKey> key, String signed, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key.orElse(DUMMY_KEY));
      verifier.update(signed.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A 2048-bit RSA public key no principal has, that unknown keyIds are verified against. */
  private static PublicKey dummyKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is unavailable", e);
    }
  }

  private static NotAuthenticatedException missingSigned(String name) {
    return refuse(Reason.MISSING_SIGNED_HEADER, "The signature must cover '" + name + "'.");
  }

  private static NotAuthenticatedException refuse(Reason reason, String message) {
    return new NotAuthenticatedException(reason, message);
  }
}
