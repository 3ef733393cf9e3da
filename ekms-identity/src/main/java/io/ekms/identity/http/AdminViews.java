package io.ekms.identity.http;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.WireSecret;
import io.ekms.identity.domain.Client;
import io.ekms.identity.domain.SigningKeyInfo;
import io.ekms.identity.service.ClientAdmin;
import java.time.Instant;
import java.util.List;

/** What the identity admin API shows: never a secret hash, never a private key. */
final class AdminViews {
  private AdminViews() {}

  record ListView<T>(List<T> items) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** The body of a secret rotation: how long the old secret keeps working (default a day). */
  record RotateSecret(Long graceSeconds) {}

  record CreateClient(String name, List<String> audiences, List<String> scopes, String email) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ClientView(
      String id,
      String name,
      List<String> audiences,
      List<String> scopes,
      String email,
      String createdAt,
      WireSecret clientSecret) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static ClientView of(Client c) {
      return new ClientView(
          c.id(), c.name(), c.audiences(), c.scopes(), c.email(), c.createdAt().toString(), null);
    }

    /** The one answer that carries the secret: the reply to creation. */
    static ClientView created(ClientAdmin.Created created) {
      Client c = created.client();
      return new ClientView(
          c.id(),
          c.name(),
          c.audiences(),
          c.scopes(),
          c.email(),
          c.createdAt().toString(),
          WireSecret.of(created.secret()));
    }
  }

  record SigningKeyView(
      String kid, boolean current, String createdAt, String supersededAt, String retireAt) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static SigningKeyView of(SigningKeyInfo k) {
      return new SigningKeyView(
          k.kid(), k.current(), text(k.createdAt()), text(k.supersededAt()), text(k.retireAt()));
    }
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
