/**
 * The KMS's client for the EKM API (docs/protocols/ekm-api.md): {@link
 * io.ekms.kms.ekmclient.EkmClients} makes one {@link io.ekms.kms.ekmclient.EkmClient} per external
 * vault, which calls the customer's key manager over HTTPS (trusting only the private endpoint's CA
 * bundle) with OAuth2 client-credentials tokens, and reports every failure as one {@link
 * io.ekms.kms.ekmclient.EkmException} of a sealed hierarchy the KMS maps to its API errors.
 */
package io.ekms.kms.ekmclient;
