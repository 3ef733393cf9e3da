package io.ekms.ekm.service;

import io.ekms.ekm.domain.policy.PolicyScope;

/**
 * Who asks, through which protocol, and why, as the key-access policies see it (docs/policies.md):
 * set by each protocol's routes once the caller is known.
 *
 * @param protocol {@code oci-ekm}, {@code xks} or {@code gcp-ekm}
 * @param caller the OAuth client id, the AWS principal ARN or the service account
 * @param reason Google's access reason; null for the other protocols
 * @param kmsRequestId the XKS request id; null for the other protocols
 * @param storeScope the key store's scope (XKS or Google); null for OCI
 * @param storeId the key store's id; null for OCI
 * @param source the caller's IP address as the socket saw it
 */
public record PolicyCaller(
    String protocol,
    String caller,
    String reason,
    String kmsRequestId,
    PolicyScope storeScope,
    String storeId,
    String source) {
  public static PolicyCaller oci(String clientId, String source) {
    return new PolicyCaller("oci-ekm", clientId, null, null, null, null, source);
  }

  public static PolicyCaller xks(
      String principalArn, String kmsRequestId, String storeId, String source) {
    return new PolicyCaller(
        "xks", principalArn, null, kmsRequestId, PolicyScope.XKS_KEY_STORE, storeId, source);
  }

  public static PolicyCaller gcp(String email, String reason, String storeId, String source) {
    return new PolicyCaller(
        "gcp-ekm", email, reason, null, PolicyScope.GCP_KEY_STORE, storeId, source);
  }
}
