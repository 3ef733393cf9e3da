package io.ekms.conformance.oci;

import io.ekms.conformance.Hooks;
import io.ekms.conformance.Minter;
import io.ekms.conformance.TokenChecks;
import io.ekms.conformance.TokenSource;
import io.ekms.conformance.Wire;
import java.time.Duration;
import java.util.Optional;

/**
 * What the OCI EKM API checks need: the vault's base URL (what OCI stores as the vault's {@code
 * externalVaultEndpointUrl}), a key with ENCRYPT and DECRYPT of that vault, a valid token for the
 * vault's client, and what enables the optional checks.
 *
 * @param otherClientToken a valid token of another client (not bound to the vault)
 * @param publicKeys the issuer's published keys (the algorithm-confusion forgery)
 * @param minter mints tokens with the issuer's key (expired, wrong audience, ...)
 */
public record OciTarget(
    Wire wire,
    String vaultUrl,
    String keyId,
    TokenSource token,
    Optional<TokenSource> otherClientToken,
    TokenChecks.PublicKeys publicKeys,
    Optional<Minter> minter,
    Hooks hooks,
    Duration budget,
    int latencyCalls) {}
