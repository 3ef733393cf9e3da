package io.ekms.identity.http;

import io.ekms.identity.domain.Client;
import io.ekms.identity.domain.SigningKeyInfo;
import io.ekms.identity.service.ClientAdmin;
import java.time.Instant;
import java.util.List;

/** What the identity admin API shows: never a secret hash, never a private key. */
final class AdminViews {
  private AdminViews() {}

  record ListView<T>(List<T> items) {}

  record CreateClient(String name, List<String> audiences, List<String> scopes) {}

  record ClientView(
      String id,
      String name,
      List<String> audiences,
      List<String> scopes,
      String createdAt,
      String clientSecret) {
    static ClientView of(Client c) {
      return new ClientView(
          c.id(), c.name(), c.audiences(), c.scopes(), c.createdAt().toString(), null);
    }

    /** The one answer that carries the secret: the reply to creation. */
    static ClientView created(ClientAdmin.Created created) {
      Client c = created.client();
      return new ClientView(
          c.id(), c.name(), c.audiences(), c.scopes(), c.createdAt().toString(), created.secret());
    }

    @Override
    public String toString() {
      return "ClientView[" + id + ", " + name + "]";
    }
  }

  record SigningKeyView(
      String kid, boolean current, String createdAt, String supersededAt, String retireAt) {
    static SigningKeyView of(SigningKeyInfo k) {
      return new SigningKeyView(
          k.kid(), k.current(), text(k.createdAt()), text(k.supersededAt()), text(k.retireAt()));
    }
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
