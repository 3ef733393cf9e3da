package io.ekms.kms.server;

import io.ekms.kms.external.ExternalVaults;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/**
 * What a KMS is plugged into: how EKMs are reached, and extra routes served beside the KMS API (the
 * embedded identity server). Callers are always authenticated by request signatures and authorized
 * by the KMS's own grants.
 */
public record KmsParts(ExternalVaults externalVaults, Consumer<HttpRouting.Builder> extraRoutes) {
  public static KmsParts of(ExternalVaults externalVaults) {
    return new KmsParts(externalVaults, routing -> {});
  }
}
