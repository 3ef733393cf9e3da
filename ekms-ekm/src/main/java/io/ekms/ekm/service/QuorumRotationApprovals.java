package io.ekms.ekm.service;

import io.ekms.core.admin.Administrator;
import io.ekms.core.admin.Quorum;
import io.ekms.core.http.Reply;
import io.ekms.ekm.domain.KeyVersion;
import java.util.Map;

/**
 * Rotations a KMS asked for, of keys whose {@code kmsRotation} is QUORUM, held by the EKM's quorum
 * as {@value #OPERATION} until key custodians approve them (docs/operations.md, Rotation); the last
 * approval rotates the key on behalf of the client that asked. Without a quorum configured ({@code
 * quorum.approvals: 0}) it refuses as {@link RotationApprovals#NOT_CONFIGURED} does.
 */
public final class QuorumRotationApprovals implements RotationApprovals {
  /** The held operation's name, in the role table and the held requests. */
  public static final String OPERATION = "KmsRotateKey";

  private final Quorum quorum;

  public QuorumRotationApprovals(Quorum quorum) {
    this.quorum = quorum;
  }

  @Override
  public String submit(Request request) {
    if (quorum == null || quorum.settings().approvals() == 0) {
      return NOT_CONFIGURED.submit(request);
    }
    return quorum.holdOnBehalf(
        OPERATION,
        Map.of("vaultId", request.vaultId(), "keyId", request.keyId()),
        "client:" + request.clientId(),
        request.requestId());
  }

  /** Lets an approved request rotate its key through {@code rotations}. */
  public void runWith(KmsRotations rotations) {
    if (quorum == null) {
      return;
    }
    quorum.register(
        OPERATION,
        held -> {
          String requester = ((Administrator) held.principal()).name();
          KeyVersion version =
              rotations.rotateApproved(
                  new CallContext(held.requestId(), requester, null, null),
                  held.path("vaultId"),
                  held.path("keyId"),
                  held.query("pendingRequestId").orElse(""));
          return new Reply(201, Map.of("keyId", held.path("keyId"), "keyVersionId", version.id()));
        });
  }
}
