package io.ekms.ekm.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal SigV4 signer for load runs, where forking curl per request would measure curl. Signs
 * content-type, host and x-amz-date with the fixture's first credential; correctness of the
 * server's verifier is established by the curl-signed tests, not by this class.
 */
final class TestSigV4 {
  private static final DateTimeFormatter AMZ =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private TestSigV4() {}

  static void sign(HttpRequest.Builder b, String url, byte[] body, Instant now) throws Exception {
    URI uri = URI.create(url);
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
            + hex(MessageDigest.getInstance("SHA-256").digest(body));
    String scope = day + "/us-east-1/kms-xks-proxy/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + date
            + "\n"
            + scope
            + "\n"
            + hex(
                MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] k = ("AWS4" + XksFixture.SECRET1).getBytes(StandardCharsets.UTF_8);
    for (String part : new String[] {day, "us-east-1", "kms-xks-proxy", "aws4_request"}) {
      k = hmac(k, part);
    }
    b.header("Content-Type", "application/json")
        .header("X-Amz-Date", date)
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + XksFixture.AKID1
                + "/"
                + scope
                + ", SignedHeaders=content-type;host;x-amz-date, Signature="
                + hex(hmac(k, toSign)));
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
