package io.ekms.conformance;

import com.nimbusds.jose.jwk.JWK;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The bearer-token attacks every token-authenticated protocol must refuse: no token, a token that
 * is not a JWS, {@code alg: none}, a flipped signature, claims changed under the old signature,
 * HMAC signed with the issuer's public key; and, when the kit can mint with the issuer's key, an
 * expired token, a wrong issuer or audience, an unknown {@code kid} and an unpublished key.
 */
public final class TokenChecks {
  /** One call of the protocol with {@code authorization} as the header's value (null: none). */
  @FunctionalInterface
  public interface Caller {
    Answer call(String authorization) throws Exception;
  }

  /** Where the issuer's published key comes from, for the algorithm-confusion forgery. */
  @FunctionalInterface
  public interface PublicKeys {
    Optional<JWK> first() throws Exception;
  }

  private final String prefix;
  private final Caller caller;
  private final TokenSource valid;
  private final Predicate<Answer> unauthenticated;
  private final String expected;

  /**
   * @param unauthenticated accepts the protocol's "not authenticated" answer, described as {@code
   *     expected}
   */
  public TokenChecks(
      String prefix,
      Caller caller,
      TokenSource valid,
      Predicate<Answer> unauthenticated,
      String expected) {
    this.prefix = prefix;
    this.caller = caller;
    this.valid = valid;
    this.unauthenticated = unauthenticated;
    this.expected = expected;
  }

  /** The forgeries made from the valid token. */
  public List<Check> forgeries(PublicKeys keys) {
    List<Check> checks = new ArrayList<>();
    checks.add(Check.of(id("valid-accepted"), "the valid token is accepted", this::validAccepted));
    checks.add(refused("missing", "a call without a token is refused", () -> null));
    checks.add(refused("malformed", "a bearer value that is no JWS is refused", () -> "Bearer x"));
    checks.add(
        refused(
            "alg-none",
            "the valid token's claims with alg none and no signature are refused",
            () -> "Bearer " + Tokens.algNone(valid.token())));
    checks.add(
        refused(
            "bad-signature",
            "the valid token with one signature bit flipped is refused",
            () -> "Bearer " + Tokens.badSignature(valid.token())));
    checks.add(
        refused(
            "changed-claims",
            "the valid token with its expiry changed under the old signature is refused",
            () -> "Bearer " + Tokens.changedPayload(valid.token())));
    checks.add(
        refused(
            "hmac-with-public-key",
            "the valid token's claims signed HS256 with the issuer's public key are refused",
            () -> {
              JWK key =
                  keys.first()
                      .orElseThrow(
                          () -> new CheckSkipped("needs the issuer's keys: give --jwks-url"));
              return "Bearer " + Tokens.hmacWithPublicKey(valid.token(), key);
            }));
    return checks;
  }

  /** The minted variants, each refused; skipped without a signing key. */
  public List<Check> minted(Optional<Minter> minter) {
    return List.of(
        refusedMinted(minter, "expired", "an expired token is refused", Minter::expired),
        refusedMinted(
            minter,
            "wrong-issuer",
            "a token from another issuer is refused",
            m -> m.with(c -> c.issuer("https://issuer.invalid"))),
        refusedMinted(
            minter,
            "wrong-audience",
            "a token for another audience is refused",
            m -> m.with(c -> c.audience("https://audience.invalid"))),
        refusedMinted(
            minter, "unknown-kid", "a token naming an unknown kid is refused", Minter::unknownKid),
        refusedMinted(
            minter,
            "unpublished-key",
            "a token signed by a key the issuer never published is refused",
            Minter::unpublishedKey));
  }

  /** A token {@code make} mints, refused as unauthenticated. */
  public Check refusedMinted(Optional<Minter> minter, String name, String title, Mint make) {
    return refusedMinted(minter, name, title, make, unauthenticated, expected);
  }

  /**
   * A token {@code make} mints, answered as {@code refusal} accepts (described as {@code
   * expected}): for a valid token of a caller the EKM knows and denies.
   */
  public Check refusedMinted(
      Optional<Minter> minter,
      String name,
      String title,
      Mint make,
      Predicate<Answer> refusal,
      String expected) {
    return refused(
        name,
        title,
        () ->
            "Bearer "
                + make.mint(
                    minter.orElseThrow(
                        () -> new CheckSkipped("needs a signing key: give --signing-key"))),
        refusal,
        expected);
  }

  /** Makes one token from a minter. */
  @FunctionalInterface
  public interface Mint {
    String mint(Minter minter) throws Exception;
  }

  /** Supplies an Authorization value, or throws {@link CheckSkipped}. */
  @FunctionalInterface
  private interface Header {
    String value() throws Exception;
  }

  private void validAccepted() throws Exception {
    Answer answer = caller.call("Bearer " + valid.token());
    Expect.that(answer.status() / 100 == 2, "the valid token was refused: " + answer.brief());
  }

  private Check refused(String name, String title, Header header) {
    return refused(name, title, header, unauthenticated, expected);
  }

  private Check refused(
      String name, String title, Header header, Predicate<Answer> refusal, String expected) {
    return Check.of(
        id(name),
        title,
        () -> {
          String value = header.value();
          Answer answer = caller.call(value);
          Expect.that(refusal.test(answer), "expected " + expected + ", got " + answer.brief());
          if (value != null && value.length() > 20) {
            String signature = value.substring(value.lastIndexOf('.') + 1);
            Expect.that(
                signature.length() < 8 || !answer.text().contains(signature),
                "the refusal echoes the token");
          }
        });
  }

  private String id(String name) {
    return prefix + ".token." + name;
  }
}
