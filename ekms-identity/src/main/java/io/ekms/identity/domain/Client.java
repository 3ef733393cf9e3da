package io.ekms.identity.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OAuth client allowed the client-credentials grant: which audiences it may request tokens for
 * and which scope names it may ask for there. Its secret is known only by its SHA-256.
 *
 * @param id {@code cli-<32 hex>}
 * @param name unique display name, 1 to 255 printable characters
 * @param secretSha256 lower-case hex SHA-256 of the secret (never the secret)
 * @param audiences 1 to 16 distinct audiences, each 1 to 500 printable ASCII characters, no spaces
 * @param scopes 1 to 16 distinct scope names, each 1 to 64 of {@code [A-Za-z0-9_.-]}
 * @param createdAt when the client was registered
 * @param email the client's e-mail, or null: a client with one is a service account, whose tokens
 *     carry {@code email} and {@code email_verified} as Google's ID tokens of service accounts do
 *     (what a Cloud EKM key store checks); at most 254 printable ASCII characters with one
 *     {@code @}
 */
public record Client(
    String id,
    String name,
    String secretSha256,
    List<String> audiences,
    List<String> scopes,
    Instant createdAt,
    String email) {
  public static final int MAX_ENTRIES = 16;
  public static final int MAX_AUDIENCE = 500;
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern EMAIL =
      Pattern.compile("(?=.{3,254}$)[\\x21-\\x3f\\x41-\\x7e]+@[\\x21-\\x3f\\x41-\\x7e]+");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public Client {
    if (!Ids.wellFormedClient(id)) {
      throw new IllegalArgumentException("client id must be cli- and 32 hex digits");
    }
    name = checkName(name);
    if (secretSha256 == null || !HASH.matcher(secretSha256).matches()) {
      throw new IllegalArgumentException("secret hash must be 64 lower-case hex digits");
    }
    audiences = distinct("audiences", audiences);
    audiences.forEach(Client::checkAudience);
    scopes = distinct("scopes", scopes);
    for (String scope : scopes) {
      if (!SCOPE.matcher(scope).matches()) {
        throw new IllegalArgumentException("scope names are 1 to 64 of [A-Za-z0-9_.-]");
      }
    }
    Objects.requireNonNull(createdAt, "createdAt");
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw new IllegalArgumentException(
          "email must be at most 254 printable characters with one @ and no spaces");
    }
  }

  /** A client without an e-mail (not a service account). */
  public Client(
      String id,
      String name,
      String secretSha256,
      List<String> audiences,
      List<String> scopes,
      Instant createdAt) {
    this(id, name, secretSha256, audiences, scopes, createdAt, null);
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank() || name.length() > 255) {
      throw new IllegalArgumentException("name must be 1 to 255 characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("name must not contain control characters");
    }
    return name.strip();
  }

  private static void checkAudience(String audience) {
    if (audience == null || audience.isEmpty() || audience.length() > MAX_AUDIENCE) {
      throw new IllegalArgumentException("each audience must be 1 to 500 characters");
    }
    if (!audience.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("audiences must be printable ASCII without spaces");
    }
  }

  private static List<String> distinct(String what, List<String> values) {
    if (values == null || values.isEmpty() || values.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(what + " must hold 1 to " + MAX_ENTRIES + " entries");
    }
    if (values.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(what + " must not contain null");
    }
    return List.copyOf(new LinkedHashSet<>(values));
  }

  @Override
  public String toString() {
    return "Client["
        + id
        + ", "
        + name
        + ", audiences="
        + audiences
        + ", scopes="
        + scopes
        + (email == null ? "" : ", email=" + email)
        + "]";
  }
}
