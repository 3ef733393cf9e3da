package io.ekms.identity.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one token is for: a single audience (the token's {@code aud}) and scope names (its
 * space-separated {@code scope}).
 *
 * <p>A requested scope token is an audience immediately followed by a scope name, as OCI's KMS asks
 * for {@code <audience>oci_ekms}; a bare scope name means the client's only audience. Every token
 * of one request must name the same audience, which the client must be allowed, and scope names the
 * client is allowed there. With no {@code scope} at all, a client with one audience gets that
 * audience and all its scopes (RFC 6749 section 3.3 allows a pre-defined default).
 */
public record Grant(String audience, List<String> scopes) {
  public Grant {
    Objects.requireNonNull(audience, "audience");
    scopes = List.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a grant needs a scope");
    }
  }

  /** The {@code scope} claim: scope names separated by single spaces. */
  public String scopeClaim() {
    return String.join(" ", scopes);
  }

  /**
   * What {@code client} gets for the {@code scope} request parameter ({@code null} when absent).
   *
   * @throws GrantRefused with a sentence for {@code invalid_scope}
   */
  public static Grant resolve(Client client, String scope) {
    List<String> tokens = tokens(scope);
    if (tokens.isEmpty()) {
      if (client.audiences().size() != 1) {
        throw new GrantRefused("The scope parameter must name an audience for this client.");
      }
      return new Grant(client.audiences().get(0), client.scopes());
    }
    String audience = null;
    List<String> names = new ArrayList<>();
    for (String token : tokens) {
      Grant one = resolveToken(client, token);
      if (audience != null && !audience.equals(one.audience())) {
        throw new GrantRefused("A token serves one audience; the scope names several.");
      }
      audience = one.audience();
      if (!names.contains(one.scopes().get(0))) {
        names.add(one.scopes().get(0));
      }
    }
    return new Grant(audience, names);
  }

  private static Grant resolveToken(Client client, String token) {
    if (client.scopes().contains(token)) {
      if (client.audiences().size() != 1) {
        throw new GrantRefused("Each scope must start with the audience it is requested for.");
      }
      return new Grant(client.audiences().get(0), List.of(token));
    }
    String best = null;
    for (String audience : client.audiences()) {
      if (token.startsWith(audience)
          && client.scopes().contains(token.substring(audience.length()))
          && (best == null || audience.length() > best.length())) {
        best = audience;
      }
    }
    if (best != null) {
      return new Grant(best, List.of(token.substring(best.length())));
    }
    boolean knownAudience = client.audiences().stream().anyMatch(token::startsWith);
    throw new GrantRefused(
        knownAudience
            ? "The requested scope name is not allowed for this client."
            : "The requested audience is not allowed for this client.");
  }

  /** RFC 6749 section 3.3: space-delimited tokens of %x21 / %x23-5B / %x5D-7E. */
  private static List<String> tokens(String scope) {
    List<String> out = new ArrayList<>();
    if (scope == null) {
      return out;
    }
    for (String token : scope.split(" ")) {
      if (token.isEmpty()) {
        continue;
      }
      boolean valid = token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != '"' && c != '\\');
      if (!valid) {
        throw new GrantRefused("The scope parameter holds characters RFC 6749 does not allow.");
      }
      out.add(token);
    }
    return out;
  }

  /** The requested scope cannot be granted; the message suits {@code error_description}. */
  public static final class GrantRefused extends RuntimeException {
    public GrantRefused(String message) {
      super(message, null, false, false);
    }
  }
}
