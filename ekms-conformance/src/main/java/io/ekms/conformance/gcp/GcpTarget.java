package io.ekms.conformance.gcp;

import io.ekms.conformance.Hooks;
import io.ekms.conformance.Minter;
import io.ekms.conformance.TokenChecks;
import io.ekms.conformance.TokenSource;
import io.ekms.conformance.Wire;
import java.time.Duration;
import java.util.Optional;

/**
 * What the Cloud EKM checks need: the external key's URI (Cloud KMS POSTs to {@code <uri>:wrap} and
 * {@code <uri>:unwrap}), the key path Cloud KMS sends in bodies, a valid ID token of an allowed
 * service account, and what enables the optional checks.
 *
 * @param minter mints ID tokens with the issuer's key (expired, another e-mail, ...)
 */
public record GcpTarget(
    Wire wire,
    String keyUri,
    String keyPath,
    TokenSource token,
    TokenChecks.PublicKeys publicKeys,
    Optional<Minter> minter,
    Hooks hooks,
    Duration budget,
    int latencyCalls) {}
