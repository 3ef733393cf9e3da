/**
 * The KMS's port to external key managers: {@link io.ekms.kms.external.ExternalVaults} connects to
 * the EKM vault behind a KMS vault, {@link io.ekms.kms.external.ExternalVault} makes its live
 * calls, and every failure is one {@link io.ekms.kms.external.EkmException} of a sealed hierarchy.
 * The adapter is the EKM API client ({@code ekmclient}).
 */
package io.ekms.kms.external;
