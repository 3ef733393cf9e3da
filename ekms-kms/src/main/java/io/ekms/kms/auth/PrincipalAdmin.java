package io.ekms.kms.auth;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.core.error.ApiException;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.store.ApiKeyRepository;
import io.ekms.kms.store.GrantRepository;
import io.ekms.kms.store.PrincipalRepository;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Administration of who may call the KMS: users, their API signing keys and their grants. Each
 * change is one transaction. Bad input is a 400 {@code InvalidParameter}, an unknown user, key or
 * grant a 404 {@code NotAuthorizedOrNotFound}, a duplicate a 409 {@code Conflict} (all {@link
 * ApiException}s with {@link AuthError} codes). Changes to one user's keys and grants are
 * serialized by locking the user's row.
 */
public final class PrincipalAdmin {
  private final Database db;
  private final Clock clock;
  private final PrincipalRepository users = new PrincipalRepository();
  private final ApiKeyRepository keys = new ApiKeyRepository();
  private final GrantRepository grants = new GrantRepository();

  public PrincipalAdmin(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates a user with a new {@code ocid1.user.oc1..} id; names are unique per tenancy. */
  public User createUser(String tenancyId, String name) {
    User user = valid(() -> new User(Ocids.newUser(), tenancyId, name, clock.instant()));
    try {
      return db.inTransaction(
          c -> {
            users.insert(c, user);
            return user;
          });
    } catch (StoreException e) {
      throw conflictOr(e, "A user with this name already exists in the tenancy.");
    }
  }

  public User getUser(String userId) {
    return db.withConnection(c -> users.find(c, userId)).orElseThrow(PrincipalAdmin::noSuchUser);
  }

  public List<User> listUsers(String tenancyId) {
    return db.withConnection(c -> users.listByTenancy(c, tenancyId));
  }

  /** Registers an RSA public key (PEM) for the user; answers it with its fingerprint. */
  public ApiKey addKey(String userId, String publicKeyPem) {
    RSAPublicKey parsed = valid(() -> PublicKeys.parsePem(publicKeyPem));
    ApiKey key =
        valid(
            () ->
                new ApiKey(
                    userId,
                    PublicKeys.fingerprint(parsed),
                    PublicKeys.toPem(parsed),
                    clock.instant()));
    try {
      return db.inTransaction(
          c -> {
            lockUser(c, userId);
            keys.insert(c, key);
            return key;
          });
    } catch (StoreException e) {
      throw conflictOr(e, "The user already has a key with this fingerprint.");
    }
  }

  /** Removes a key; requests signed with it fail from the next one on. */
  public void removeKey(String userId, String fingerprint) {
    db.inTransaction(
        c -> {
          lockUser(c, userId);
          if (!keys.delete(c, userId, fingerprint)) {
            throw AuthError.NOT_AUTHORIZED_OR_NOT_FOUND.error("The user has no such key.");
          }
          return null;
        });
  }

  public List<ApiKey> listKeys(String userId) {
    return db.withConnection(
        c -> {
          users.find(c, userId).orElseThrow(PrincipalAdmin::noSuchUser);
          return keys.listByUser(c, userId);
        });
  }

  /** Sets the user's permission on the compartment, replacing any earlier grant there. */
  public Grant grant(String userId, String compartmentId, Permission permission) {
    Grant grant = valid(() -> new Grant(userId, compartmentId, permission, clock.instant()));
    return db.inTransaction(
        c -> {
          lockUser(c, userId);
          grants.put(c, grant);
          return grant;
        });
  }

  /** Removes the user's grant on the compartment; it applies from the next request on. */
  public void revoke(String userId, String compartmentId) {
    db.inTransaction(
        c -> {
          lockUser(c, userId);
          if (!grants.delete(c, userId, compartmentId)) {
            throw AuthError.NOT_AUTHORIZED_OR_NOT_FOUND.error(
                "The user has no grant on this compartment.");
          }
          return null;
        });
  }

  public List<Grant> listGrants(String userId) {
    return db.withConnection(
        c -> {
          users.find(c, userId).orElseThrow(PrincipalAdmin::noSuchUser);
          return grants.listByUser(c, userId);
        });
  }

  private void lockUser(Connection c, String userId) throws SQLException {
    users.findForUpdate(c, userId).orElseThrow(PrincipalAdmin::noSuchUser);
  }

  private static ApiException noSuchUser() {
    return AuthError.NOT_AUTHORIZED_OR_NOT_FOUND.error("The user does not exist.");
  }

  private static <T> T valid(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw AuthError.INVALID_PARAMETER.error("Invalid parameter: " + e.getMessage() + ".");
    }
  }

  private static RuntimeException conflictOr(StoreException e, String message) {
    return e.isConstraintViolation() ? AuthError.CONFLICT.error(message) : e;
  }
}
