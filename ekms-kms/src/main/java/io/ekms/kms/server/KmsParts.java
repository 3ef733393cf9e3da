package io.ekms.kms.server;

import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.external.ExternalVaults;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/**
 * What a KMS is plugged into: how EKMs are reached, where it may connect on callers' behalf (the
 * same policy the EKM client enforces; the server binds its own listeners into it), and extra
 * routes served beside the KMS API (the embedded identity server). Callers are always authenticated
 * by request signatures and authorized by the KMS's own grants.
 */
public record KmsParts(
    ExternalVaults externalVaults,
    EgressPolicy egress,
    Consumer<HttpRouting.Builder> extraRoutes) {}
