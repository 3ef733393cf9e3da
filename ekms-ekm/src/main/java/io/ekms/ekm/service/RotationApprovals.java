package io.ekms.ekm.service;

/**
 * Where a rotation that a KMS asked for waits when the key's {@code kmsRotation} is QUORUM
 * (docs/operations.md, Rotation): the EKM API answers 202 with the id {@link #submit} returns, and
 * the rotation happens once the request is approved.
 *
 * <p>An implementation files the request (durably, shared by every EKM node) and returns its id; it
 * may refuse with an {@link io.ekms.core.error.ApiException} (its code reaches the KMS). Once the
 * request is approved it rotates the key with {@link KmsRotations#rotateApproved}, which re-checks
 * that the key still exists, is ACTIVE and still asks for a quorum, rotates, and audits the
 * rotation under the approver's context with the pending request's id. {@link #NOT_CONFIGURED} is
 * the one in place until a quorum is configured: it refuses with 409 QuorumUnavailable.
 */
public interface RotationApprovals {
  /**
   * A rotation asked for by a KMS: its request id (the KMS's {@code opc-request-id}), the vault and
   * key, and the OAuth client (and its issuer) that asked.
   */
  record Request(String requestId, String vaultId, String keyId, String clientId, String issuer) {}

  /**
   * Files {@code request} for approval and returns the pending request's id: 1 to 128 characters of
   * {@code A-Z a-z 0-9 . _ : -}, unique. Called inside the audited EKM API call, so a refusal is
   * audited with its code.
   */
  String submit(Request request);

  /** No quorum is configured: every request is refused with 409 QuorumUnavailable. */
  RotationApprovals NOT_CONFIGURED =
      request -> {
        throw EkmError.QUORUM_UNAVAILABLE.error(
            "The key's rotations need the approval of a quorum of EKM admins, and this EKM has no"
                + " quorum configured; an EKM admin may rotate the key, or set its kmsRotation to"
                + " ALLOW.");
      };
}
