/**
 * Where the KMS may connect on a caller's behalf: the private endpoints' addresses (EKMs) and the
 * identity servers named by vaults. {@link io.ekms.kms.egress.EgressPolicy} holds the operator's
 * allow-lists and the ranges that are always refused (loopback unless allowed, link-local and cloud
 * metadata, unspecified, multicast, the KMS's own listeners); it is checked when a resource is
 * created and again before every connection.
 */
package io.ekms.kms.egress;
