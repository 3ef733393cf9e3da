package io.ekms.identity.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.identity.domain.Client;
import io.ekms.identity.domain.Ids;
import io.ekms.identity.store.ClientRepository;
import io.ekms.identity.store.PreviousSecretRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admin use cases for OAuth clients; each one is audited. */
public final class ClientAdmin {
  private static final String INTERNAL = AdminError.INTERNAL_ERROR.code();
  private final Database db;
  private final AuditTrail audit;
  private final Clock clock;
  private final ClientRepository clients = new ClientRepository();
  private final PreviousSecretRepository previous = new PreviousSecretRepository();

  public ClientAdmin(Database db, AuditTrail audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A client just created, with its secret: the only time the secret exists outside the caller.
   * {@link #toString()} never shows it.
   */
  public record Created(Client client, String secret) {
    @Override
    public String toString() {
      return "Created[" + client + ", secret=REDACTED]";
    }
  }

  public Created create(
      CallContext ctx, String name, List<String> audiences, List<String> scopes, String email) {
    return audit.run(
        ctx,
        "CreateClient",
        INTERNAL,
        created -> Map.of("clientId", created.client().id()),
        () -> {
          String secret = ClientSecrets.newSecret();
          Client client;
          try {
            client =
                new Client(
                    Ids.newClient(),
                    name,
                    ClientSecrets.hash(secret),
                    audiences,
                    scopes,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    email);
          } catch (IllegalArgumentException | NullPointerException e) {
            throw AdminError.INVALID_REQUEST.error(sentence(e.getMessage()));
          }
          try {
            db.inTransaction(
                c -> {
                  clients.insert(c, client);
                  return null;
                });
          } catch (StoreException e) {
            if (e.isConstraintViolation()) {
              throw AdminError.CONFLICT.error("A client with this name already exists.");
            }
            throw e;
          }
          return new Created(client, secret);
        });
  }

  public List<Client> list(CallContext ctx) {
    return audit.run(ctx, "ListClients", INTERNAL, null, () -> db.withConnection(clients::list));
  }

  public Client get(CallContext ctx, String clientId) {
    return audit.run(
        ctx,
        "GetClient",
        INTERNAL,
        c -> Map.of("clientId", c.id()),
        () ->
            (Ids.wellFormedClient(clientId)
                    ? db.withConnection(c -> clients.find(c, clientId))
                    : Optional.<Client>empty())
                .orElseThrow(() -> AdminError.NOT_FOUND.error("The client does not exist.")));
  }

  /** The longest grace a rotated secret may keep: a week. */
  public static final Duration MAX_GRACE = Duration.ofDays(7);

  /**
   * Gives the client a new secret (answered once, like at creation). The old one keeps working for
   * {@code grace} (0: not at all; at most {@link #MAX_GRACE}) so whoever holds it can switch
   * without an outage; a rotation during another's grace drops the older secret at once.
   */
  public Created rotateSecret(CallContext ctx, String clientId, Duration grace) {
    if (grace == null || grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      throw AdminError.INVALID_REQUEST.error(
          "Field 'graceSeconds' must be 0 to " + MAX_GRACE.toSeconds() + ".");
    }
    return audit.run(
        ctx,
        "RotateClientSecret",
        INTERNAL,
        rotated -> Map.of("clientId", clientId, "graceSeconds", String.valueOf(grace.toSeconds())),
        () -> {
          String secret = ClientSecrets.newSecret();
          Instant until = clock.instant().plus(grace);
          Client client =
              db.inTransaction(
                  c -> {
                    Optional<Client> found =
                        Ids.wellFormedClient(clientId)
                            ? clients.find(c, clientId)
                            : Optional.empty();
                    if (found.isEmpty()) {
                      throw AdminError.NOT_FOUND.error("The client does not exist.");
                    }
                    clients.setSecret(c, clientId, ClientSecrets.hash(secret));
                    previous.replace(
                        c,
                        clientId,
                        grace.isZero()
                            ? null
                            : new PreviousSecretRepository.Previous(
                                found.get().secretSha256(), until));
                    return clients.find(c, clientId).orElseThrow();
                  });
          return new Created(client, secret);
        });
  }

  /** Deletes the client: it can get no new token; tokens already issued run until they expire. */
  public void delete(CallContext ctx, String clientId) {
    audit.run(
        ctx,
        "DeleteClient",
        INTERNAL,
        deleted -> Map.of("clientId", clientId),
        () -> {
          boolean deleted =
              Ids.wellFormedClient(clientId) && db.inTransaction(c -> clients.delete(c, clientId));
          if (!deleted) {
            throw AdminError.NOT_FOUND.error("The client does not exist.");
          }
          return Boolean.TRUE;
        });
  }

  private static String sentence(String message) {
    String text = message == null ? "invalid client" : message;
    return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
  }
}
