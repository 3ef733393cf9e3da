package io.ekms.kms.server;

import io.ekms.kms.external.ExternalVaults;
import io.ekms.kms.http.Authenticator;
import io.ekms.kms.service.Access;
import io.helidon.webserver.http.HttpRouting;
import java.util.function.Consumer;

/**
 * The pluggable parts of a KMS: how callers are authenticated and authorized, how EKMs are reached,
 * and extra routes served beside the KMS API (the embedded identity server).
 */
public record KmsParts(
    Authenticator authenticator,
    Access access,
    ExternalVaults externalVaults,
    Consumer<HttpRouting.Builder> extraRoutes) {}
