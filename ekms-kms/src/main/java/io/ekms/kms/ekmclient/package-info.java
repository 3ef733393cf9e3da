/**
 * The KMS's adapter for the {@link io.ekms.kms.external.ExternalVaults} port, over the EKM API
 * (docs/protocols/ekm-api.md): {@link io.ekms.kms.ekmclient.EkmClients} keeps one {@link
 * io.ekms.kms.ekmclient.EkmClient} per external vault, which calls the customer's key manager over
 * HTTPS (trusting only the private endpoint's CA bundle) with OAuth2 client-credentials tokens, and
 * reports every failure as one {@link io.ekms.kms.external.EkmException} of the port's sealed
 * hierarchy.
 */
package io.ekms.kms.ekmclient;
