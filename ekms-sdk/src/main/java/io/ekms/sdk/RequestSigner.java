package io.ekms.sdk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Signs a request as OCI API keys do (draft-cavage HTTP Signatures, {@code rsa-sha256}). Signed
 * headers: {@code date (request-target) host}, plus {@code content-length content-type
 * x-content-sha256} for POST and PUT. The signing string is one {@code name: value} line per
 * header, in that order, joined by {@code \n}; {@code (request-target)} is the lower-case method, a
 * space, and the raw path and query as sent. {@code host} is what the JDK's HTTP/1.1 client sends:
 * the host, plus {@code :port} unless the port is the scheme's default.
 *
 * <p>Public for callers that build their own HTTP requests (the load generator in ekms-bench);
 * {@link KmsClient} signs every request it sends with it. Thread-safe.
 */
public final class RequestSigner {
  private final ApiKey key;
  private final Clock clock;

  /** Signs with {@code key}, dating each signature by {@code clock}. */
  public RequestSigner(ApiKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /** The headers to send (all but host and content-length, which the HTTP client sets). */
  public Map<String, String> sign(String method, URI uri, byte[] body) {
    String lower = method.toLowerCase(Locale.ROOT);
    boolean hasBody = lower.equals("post") || lower.equals("put");
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put(
        "date",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(clock.withZone(ZoneOffset.UTC))));
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    signed.put("(request-target)", lower + " " + target);
    signed.put("host", host(uri));
    if (hasBody) {
      signed.put("content-length", Integer.toString(body.length));
      signed.put("content-type", "application/json");
      signed.put("x-content-sha256", Base64.getEncoder().encodeToString(sha256(body)));
    }
    StringBuilder text = new StringBuilder(256);
    signed.forEach(
        (name, value) ->
            text.append(text.isEmpty() ? "" : "\n").append(name).append(": ").append(value));
    String authorization =
        "Signature version=\"1\",keyId=\""
            + key.keyId()
            + "\",algorithm=\"rsa-sha256\",headers=\""
            + String.join(" ", signed.keySet())
            + "\",signature=\""
            + rsa(text.toString())
            + "\"";
    Map<String, String> out = new LinkedHashMap<>(signed);
    out.remove("(request-target)");
    out.remove("host");
    out.remove("content-length");
    out.put("authorization", authorization);
    return out;
  }

  static String host(URI uri) {
    int port = uri.getPort();
    boolean secure = "https".equalsIgnoreCase(uri.getScheme());
    boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  private String rsa(String text) {
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key.privateKey());
      signer.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the API key", e);
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
