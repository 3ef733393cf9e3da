package io.ekms.stack;

import io.ekms.ekm.server.EkmConfigBuilder;
import io.ekms.ekm.server.EkmServer;
import io.ekms.ekm.service.Backends;
import io.ekms.identity.server.IdentityConfigBuilder;
import io.ekms.kms.server.KmsConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * How a {@link LoopbackStack} starts: its data directory, its ports ({@link StackPorts#EPHEMERAL}
 * unless set) and, for callers that need them, changes to each server's configuration on top of the
 * stack's loopback defaults (listeners, TLS and the KMS's trust are the stack's own and are set
 * before the changes run). Tests may also give the EKM its clock, rate ticker and a wrapper of its
 * key backends ({@link EkmServer.Hooks}), which {@link LoopbackStack#startEkm()} keeps.
 */
public final class LoopbackStackBuilder {
  private final Path dataDir;
  private StackPorts ports = StackPorts.EPHEMERAL;
  private UnaryOperator<IdentityConfigBuilder> identity = UnaryOperator.identity();
  private UnaryOperator<EkmConfigBuilder> ekm = UnaryOperator.identity();
  private UnaryOperator<KmsConfigBuilder> kms = UnaryOperator.identity();
  private EkmServer.Hooks ekmHooks = EkmServer.Hooks.NONE;
  private Clock identityClock = Clock.systemUTC();
  private Clock kmsTokenClock = Clock.systemUTC();

  LoopbackStackBuilder(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
  }

  public LoopbackStackBuilder ports(StackPorts value) {
    ports = Objects.requireNonNull(value, "ports");
    return this;
  }

  /** Changes to the identity server's configuration, e.g. its token lifetime. */
  public LoopbackStackBuilder identity(UnaryOperator<IdentityConfigBuilder> change) {
    identity = Objects.requireNonNull(change, "change");
    return this;
  }

  /** Changes to the EKM's configuration, e.g. a PKCS#11 backend or rate limits. */
  public LoopbackStackBuilder ekm(UnaryOperator<EkmConfigBuilder> change) {
    ekm = Objects.requireNonNull(change, "change");
    return this;
  }

  /** Changes to the KMS's configuration, e.g. its rate limits or deletion sweep. */
  public LoopbackStackBuilder kms(UnaryOperator<KmsConfigBuilder> change) {
    kms = Objects.requireNonNull(change, "change");
    return this;
  }

  /** The EKM's clock, so tests can skew its time ({@link EkmServer.Hooks#clock()}). */
  public LoopbackStackBuilder ekmClock(Clock value) {
    ekmHooks = ekmHooks.withClock(value);
    return this;
  }

  /** What the EKM's rate limits refill on, so tests can hold it ({@link EkmServer.Hooks}). */
  public LoopbackStackBuilder ekmRateTicker(LongSupplier value) {
    ekmHooks = ekmHooks.withRateTicker(value);
    return this;
  }

  /** Passes the EKM's key backends through {@code wrap} at every start, for tests to watch. */
  public LoopbackStackBuilder ekmBackends(UnaryOperator<Backends> wrap) {
    ekmHooks = ekmHooks.withBackends(wrap);
    return this;
  }

  /** Where the EKM's KMS-requested rotations of QUORUM keys wait ({@link EkmServer.Hooks}). */
  public LoopbackStackBuilder ekmApprovals(io.ekms.ekm.service.RotationApprovals value) {
    ekmHooks = ekmHooks.withApprovals(value);
    return this;
  }

  /**
   * The identity server's clock: when tokens are issued and signing keys retire (the system clock
   * unless set; tests move a hand-set one). {@link LoopbackStack#restartIdentity()} keeps it.
   */
  public LoopbackStackBuilder identityClock(Clock value) {
    identityClock = Objects.requireNonNull(value, "identityClock");
    return this;
  }

  /**
   * The clock the KMS's EKM client ages its cached access tokens on (the system clock unless set; a
   * test moves a hand-set one past a token's reuse instead of waiting).
   */
  public LoopbackStackBuilder kmsTokenClock(Clock value) {
    kmsTokenClock = Objects.requireNonNull(value, "kmsTokenClock");
    return this;
  }

  /**
   * Initialises what is missing under the data directory and starts the three servers.
   *
   * @throws StackException when a fixed port is taken
   */
  public LoopbackStack start() throws IOException {
    return LoopbackStack.start(
        dataDir,
        ports,
        new StackConfigs.Changes(identity, ekm, kms),
        ekmHooks,
        identityClock,
        kmsTokenClock);
  }
}
