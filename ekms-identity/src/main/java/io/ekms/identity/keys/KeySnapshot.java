package io.ekms.identity.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.ekms.identity.domain.SigningKeyInfo;
import io.ekms.identity.store.StoredKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One immutable view of the signing keys: the signer of the current key and every stored key's
 * public JWK with its times, the current key first, then by when they were superseded, latest
 * first. What is published depends on the time asked about: a key is gone at its retirement time.
 */
record KeySnapshot(ActiveKey current, List<Published> keys) {
  /** A stored key's public JWK and what is known about it. */
  record Published(RSAKey jwk, SigningKeyInfo info) {
    boolean publishedAt(Instant now) {
      return info.retireAt() == null || now.isBefore(info.retireAt());
    }
  }

  private static final Comparator<Published> NEWEST_FIRST =
      Comparator.comparing(
          (Published p) -> p.info().supersededAt(),
          Comparator.nullsFirst(Comparator.<Instant>reverseOrder()));

  /**
   * @throws IllegalStateException when a stored JWK is not valid or not the public key of its kid
   */
  static KeySnapshot of(ActiveKey current, List<StoredKey> rows) {
    List<Published> published = new ArrayList<>();
    for (StoredKey row : rows) {
      published.add(new Published(parse(row), row.info()));
    }
    published.sort(NEWEST_FIRST);
    return new KeySnapshot(current, List.copyOf(published));
  }

  JWKSet jwksAt(Instant now) {
    List<JWK> out = new ArrayList<>();
    for (Published p : keys) {
      if (p.publishedAt(now)) {
        out.add(p.jwk());
      }
    }
    return new JWKSet(out).toPublicJWKSet();
  }

  List<SigningKeyInfo> infoAt(Instant now) {
    return keys.stream().filter(p -> p.publishedAt(now)).map(Published::info).toList();
  }

  /** The public JWK of a stored row, checked to be public and to carry the row's kid. */
  static RSAKey parse(StoredKey row) {
    try {
      RSAKey jwk = RSAKey.parse(row.publicJwk());
      if (jwk.isPrivate() || !row.kid().equals(jwk.getKeyID())) {
        throw new IllegalStateException(
            "the stored JWK of " + row.kid() + " is not its public key");
      }
      return jwk;
    } catch (ParseException e) {
      throw new IllegalStateException("the stored JWK of " + row.kid() + " is not valid", e);
    }
  }
}
