/** The cloud-side KMS: external vaults, key references and versions over the OCI KMS API. */
package io.ekms.kms;
