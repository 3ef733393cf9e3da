package io.ekms.kms.service;

import io.ekms.kms.external.ExternalVaults;
import java.time.Clock;

/**
 * What managing keys and key versions needs: the resource store, access checks, the audit, the EKM
 * port, the sealer of secrets at rest and the clock.
 */
public record KeyManagement(
    Resources resources,
    Access access,
    KmsAudit audit,
    ExternalVaults externalVaults,
    SecretSealer sealer,
    Clock clock) {}
