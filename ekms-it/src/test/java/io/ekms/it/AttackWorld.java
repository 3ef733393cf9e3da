package io.ekms.it;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.auth.xks.SigV4Signer;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.RequestSigner;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackPorts;
import io.ekms.stack.StackTenant;
import io.ekms.testing.TempDirs;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The world the end-to-end suites attack: one {@link LoopbackStack} with two tenants in two
 * tenancies ({@link #alpha}, {@link #bravo}), each with its own OAuth client, EKM vault and key,
 * KMS user, private endpoint, vault and key; and an XKS key store exposing alpha's EKM key. One
 * world serves every test class of a run and stops with the JVM.
 */
final class AttackWorld {
  static final String XKS_PREFIX = "xks/attack";
  static final String XKS_KEY = "attack-key";
  private static AttackWorld shared;

  final LoopbackStack stack;
  final StackTenant alpha;
  final StackTenant bravo;

  /** The fuzz suites' own tenant, whose resources they may change at random. */
  final StackTenant charlie;

  final Wire wire;
  final String xksAccessKeyId;
  private final String xksSecret;

  static synchronized AttackWorld shared() throws Exception {
    if (shared == null) {
      shared = new AttackWorld();
      Runtime.getRuntime().addShutdownHook(new Thread(shared.stack::close));
    }
    return shared;
  }

  private AttackWorld() throws Exception {
    stack = LoopbackStack.start(TempDirs.create("attack-"), StackPorts.EPHEMERAL);
    alpha =
        StackTenant.provision(
            stack, "alpha", "ocid1.tenancy.oc1..alpha", "ocid1.compartment.oc1..alpha");
    bravo =
        StackTenant.provision(
            stack, "bravo", "ocid1.tenancy.oc1..bravo", "ocid1.compartment.oc1..bravo");
    charlie =
        StackTenant.provision(
            stack, "charlie", "ocid1.tenancy.oc1..charlie", "ocid1.compartment.oc1..charlie");
    wire = new Wire(stack.caFile());
    var ekm = stack.ekmAdmin();
    String store = ekm.xksStore("attack", XKS_PREFIX);
    xksAccessKeyId = newAccessKeyId();
    xksSecret = Base64.getEncoder().encodeToString(Randoms.bytes(32));
    ekm.addXksCredential(store, xksAccessKeyId, xksSecret);
    ekm.putXksKey(store, XKS_KEY, alpha.ekmVaultId(), alpha.ekmKeyId(), "ENCRYPT_DECRYPT");
  }

  /** A KMS API request signed as {@code tenant}'s user; {@code extra} headers are added. */
  Answer kms(
      StackTenant tenant,
      String method,
      String pathAndQuery,
      String body,
      Map<String, String> extra) {
    return kmsSigned(tenant.apiKey(), Clock.systemUTC(), method, pathAndQuery, body, extra);
  }

  /** A KMS API request signed with {@code key}, dated by {@code clock}. */
  Answer kmsSigned(
      ApiKey key,
      Clock clock,
      String method,
      String pathAndQuery,
      String body,
      Map<String, String> extra) {
    URI uri = URI.create(stack.kms().baseUrl() + pathAndQuery);
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        new LinkedHashMap<>(
            new RequestSigner(key, clock).sign(method, uri, bytes == null ? new byte[0] : bytes));
    headers.putAll(extra);
    return wire.send(method, uri, headers, bytes);
  }

  Answer kms(StackTenant tenant, String method, String pathAndQuery, String body) {
    return kms(tenant, method, pathAndQuery, body, Map.of());
  }

  /** A request to {@code base} ({@code kms}, {@code ekm}, ...) with only the given headers. */
  Answer raw(
      String baseUrl,
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      String body) {
    return wire.send(
        method,
        URI.create(baseUrl + pathAndQuery),
        headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /** An XKS request of the attack key store, SigV4-signed with its credential. */
  Answer xks(String pathAfterPrefix, String body) {
    return xksSigned(pathAfterPrefix, body, xksAccessKeyId, xksSecret, Map.of());
  }

  Answer xksSigned(
      String pathAfterPrefix,
      String body,
      String accessKeyId,
      String secret,
      Map<String, String> extra) {
    URI uri = URI.create(xksBase() + "/" + XKS_PREFIX + pathAfterPrefix);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers;
    try (SecretBytes s = SecretBytes.adopt(secret.getBytes(StandardCharsets.US_ASCII))) {
      headers =
          new LinkedHashMap<>(
              new SigV4Signer(accessKeyId, s, "us-east-1", Clock.systemUTC()).headers(uri, bytes));
    }
    headers.putAll(extra);
    return wire.send("POST", uri, headers, bytes);
  }

  /** A fresh access token for {@code tenant}'s OAuth client, as the KMS would fetch it. */
  String ekmToken(StackTenant tenant) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (tenant.oauthClient().id() + ":" + tenant.oauthClient().secret())
                    .getBytes(StandardCharsets.UTF_8));
    Answer answer =
        raw(
            stack.identity().issuer(),
            "POST",
            "/oauth2/v1/token",
            Map.of(
                "Authorization",
                "Basic " + basic,
                "Content-Type",
                "application/x-www-form-urlencoded"),
            "grant_type=client_credentials&scope="
                + URLEncoder.encode(stack.ekmAudience() + "oci_ekms", StandardCharsets.UTF_8));
    if (answer.status() != 200) {
      throw new IllegalStateException("no token: " + answer);
    }
    return answer.json().path("access_token").asText();
  }

  /** An EKM API request with a bearer token (null: none). */
  Answer ekm(String method, String pathAndQuery, String token, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return raw(stack.ekmUrl(), method, pathAndQuery, headers, body);
  }

  /** The EKM API base path of {@code tenant}'s vault. */
  static String ekmVault(StackTenant tenant) {
    return "/oci/ekm/v1/vaults/" + tenant.ekmVaultId();
  }

  /**
   * Every audit record's request id, read page by page through an admin API. It stops at the first
   * short page: reading the KMS's log is itself audited, so the log grows while it is read.
   */
  static java.util.Set<String> auditedRequestIds(io.ekms.admin.client.AdminHttp admin) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    long after = 0;
    while (true) {
      var items =
          admin.call("GET", "/admin/v1/audit?limit=1000&after=" + after, null).path("items");
      for (var entry : items) {
        ids.add(entry.path("record").path("requestId").asText());
        after = entry.path("seq").asLong();
      }
      if (items.size() < 1000) {
        return ids;
      }
    }
  }

  String xksBase() {
    return "https://127.0.0.1:" + stack.ekm().xksPort();
  }

  String kmsUrl() {
    return stack.kms().baseUrl();
  }

  static String newAccessKeyId() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    for (byte b : Randoms.bytes(26)) {
      out.append(alphabet.charAt((b & 0xff) % 32));
    }
    return out.toString();
  }
}
