package io.ekms.ekm.domain.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * What a policy sees of one request (docs/policies.md names each variable). Absent values are empty
 * strings, never null, so a condition can compare without guarding.
 *
 * @param protocol {@code oci-ekm}, {@code xks} or {@code gcp-ekm}
 * @param operation the operation, lower camel case ({@code encrypt}, {@code decrypt}, {@code wrap},
 *     {@code unwrap}, {@code getKeyMetadata}, ...)
 * @param caller the OAuth client id (OCI), the AWS principal ARN (XKS) or the service account
 *     e-mail (Google)
 * @param reason Google's key access justification ({@code CUSTOMER_INITIATED_ACCESS}, {@code
 *     MISSING}, {@code UNKNOWN}, ...); empty for the other protocols
 * @param kmsRequestId the XKS request id; empty for the other protocols
 * @param keyStore the XKS or Google key store's id; empty for OCI
 * @param source the caller's IP address as the EKM saw it
 */
public record PolicyInput(
    String protocol,
    String operation,
    String caller,
    String reason,
    String kmsRequestId,
    String vault,
    String key,
    String version,
    String keyStore,
    String source,
    Instant time) {
  public PolicyInput {
    protocol = orEmpty(protocol);
    operation = orEmpty(operation);
    caller = orEmpty(caller);
    reason = orEmpty(reason);
    kmsRequestId = orEmpty(kmsRequestId);
    vault = orEmpty(vault);
    key = orEmpty(key);
    version = orEmpty(version);
    keyStore = orEmpty(keyStore);
    source = orEmpty(source);
    Objects.requireNonNull(time, "time");
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
