package io.ekms.ekm.console;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.service.GcpAdmin;
import io.ekms.ekm.service.IssuerAdmin;
import io.ekms.ekm.service.KeyAdmin;
import io.ekms.ekm.service.KeyDeletions;
import io.ekms.ekm.service.PolicyAdmin;
import io.ekms.ekm.service.VaultAdmin;
import io.ekms.ekm.service.VersionAdmin;
import io.ekms.ekm.service.XksAdmin;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the console works through: the admin API's own services (so every read and change takes the
 * admin API's checks and is audited the same way; the console has no SQL of its own but its
 * sessions), the health checks {@code /health} runs, and the request metrics of each protocol's API
 * by its name.
 */
public record ConsoleServices(
    VaultAdmin vaults,
    IssuerAdmin issuers,
    KeyAdmin keys,
    KeyDeletions deletions,
    VersionAdmin versions,
    XksAdmin xks,
    GcpAdmin gcp,
    PolicyAdmin policies,
    AuditLog auditLog,
    Map<String, BooleanSupplier> health,
    Map<String, RequestMetrics> protocols) {}
