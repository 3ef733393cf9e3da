package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.core.error.ApiException;
import io.ekms.kms.auth.PublicKeys;
import io.ekms.kms.domain.ApiKey;
import io.ekms.kms.domain.Grant;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Permission;
import io.ekms.kms.domain.User;
import io.ekms.kms.service.KmsAudit.Target;
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
 * Administration of who may call the KMS: users, their API signing keys and their grants. Every
 * call is audited as its caller's (the admin), success or failure. Each change is one transaction.
 * Bad input is a 400 {@code InvalidParameter}, an unknown user, key or grant a 404 {@code
 * NotAuthorizedOrNotFound}, a duplicate a 409 {@code Conflict} (all {@link ApiException}s with
 * {@link KmsError} codes). Changes to one user's keys and grants are serialized by locking the
 * user's row.
 */
public final class PrincipalAdmin {
  private static final Target NONE = new Target(null, null, null);
  private final Database db;
  private final KmsAudit audit;
  private final Clock clock;
  private final PrincipalRepository users = new PrincipalRepository();
  private final ApiKeyRepository keys = new ApiKeyRepository();
  private final GrantRepository grants = new GrantRepository();

  public PrincipalAdmin(Database db, KmsAudit audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a user with a new {@code ocid1.user.oc1..} id; names are unique per tenancy. */
  public User createUser(Caller caller, String tenancyId, String name) {
    return audited(
        caller,
        "CreateUser",
        () -> {
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
        });
  }

  public User getUser(Caller caller, String userId) {
    return audited(
        caller,
        "GetUser",
        () -> db.withConnection(c -> users.find(c, userId)).orElseThrow(KmsError::notFound));
  }

  public List<User> listUsers(Caller caller, String tenancyId) {
    return audited(
        caller, "ListUsers", () -> db.withConnection(c -> users.listByTenancy(c, tenancyId)));
  }

  /** Registers an RSA public key (PEM) for the user; answers it with its fingerprint. */
  public ApiKey addKey(Caller caller, String userId, String publicKeyPem) {
    return audited(
        caller,
        "AddApiKey",
        () -> {
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
        });
  }

  /** Removes a key; requests signed with it fail from the next one on. */
  public void removeKey(Caller caller, String userId, String fingerprint) {
    audited(
        caller,
        "RemoveApiKey",
        () ->
            db.inTransaction(
                c -> {
                  lockUser(c, userId);
                  if (!keys.delete(c, userId, fingerprint)) {
                    throw KmsError.notFound();
                  }
                  return null;
                }));
  }

  public List<ApiKey> listKeys(Caller caller, String userId) {
    return audited(
        caller,
        "ListApiKeys",
        () ->
            db.withConnection(
                c -> {
                  users.find(c, userId).orElseThrow(KmsError::notFound);
                  return keys.listByUser(c, userId);
                }));
  }

  /** Sets the user's permission on the compartment, replacing any earlier grant there. */
  public Grant grant(Caller caller, String userId, String compartmentId, Permission permission) {
    return audited(
        caller,
        "Grant",
        () -> {
          Grant grant = valid(() -> new Grant(userId, compartmentId, permission, clock.instant()));
          return db.inTransaction(
              c -> {
                lockUser(c, userId);
                grants.put(c, grant);
                return grant;
              });
        });
  }

  /** Removes the user's grant on the compartment; it applies from the next request on. */
  public void revoke(Caller caller, String userId, String compartmentId) {
    audited(
        caller,
        "Revoke",
        () ->
            db.inTransaction(
                c -> {
                  lockUser(c, userId);
                  if (!grants.delete(c, userId, compartmentId)) {
                    throw KmsError.notFound();
                  }
                  return null;
                }));
  }

  public List<Grant> listGrants(Caller caller, String userId) {
    return audited(
        caller,
        "ListGrants",
        () ->
            db.withConnection(
                c -> {
                  users.find(c, userId).orElseThrow(KmsError::notFound);
                  return grants.listByUser(c, userId);
                }));
  }

  /** Principal administration touches no vault, key or version: the record names none. */
  private <T> T audited(Caller caller, String operation, Supplier<T> work) {
    return audit.run(caller, operation, NONE, null, work);
  }

  private void lockUser(Connection c, String userId) throws SQLException {
    users.findForUpdate(c, userId).orElseThrow(KmsError::notFound);
  }

  private static <T> T valid(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw KmsError.INVALID_PARAMETER.error("Invalid parameter: " + e.getMessage() + ".");
    }
  }

  private static RuntimeException conflictOr(StoreException e, String message) {
    return e.isConstraintViolation() ? KmsError.CONFLICT.error(message) : e;
  }
}
