/**
 * Who is calling the KMS: pure verification of OCI API-key request signatures, with no store and no
 * KMS API of its own.
 *
 * <p>{@link io.ekms.kms.auth.RequestVerifier} parses and checks a request's signature and yields a
 * {@link io.ekms.kms.auth.Principal}; the keys it checks against come from a {@link
 * io.ekms.kms.auth.PublicKeyDirectory} (the service layer's is backed by the store). A refusal is a
 * {@link io.ekms.kms.auth.NotAuthenticatedException} naming its reason. Users, keys and grants are
 * domain records; authorization ({@code GrantAccess}) and their administration ({@code
 * PrincipalAdmin}) are services.
 */
package io.ekms.kms.auth;
