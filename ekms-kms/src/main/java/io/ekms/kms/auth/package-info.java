/**
 * Who is calling the KMS and what they may do.
 *
 * <p>{@link io.ekms.kms.auth.RequestVerifier} checks OCI API-key request signatures and yields a
 * {@link io.ekms.kms.auth.Principal}; {@link io.ekms.kms.auth.Authorizer} checks that principal's
 * grant on a compartment. {@link io.ekms.kms.auth.PrincipalAdmin} manages users, their public keys
 * and grants. Failures are {@link io.ekms.kms.auth.NotAuthenticatedException} (401 {@code
 * NotAuthenticated}) and {@link io.ekms.core.error.ApiException}s with an {@link
 * io.ekms.kms.auth.AuthError} code.
 */
package io.ekms.kms.auth;
