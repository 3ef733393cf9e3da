package io.ekms.kms.server;

import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.model.CreateKeyDetails;
import com.oracle.bmc.keymanagement.model.ExternalKeyReference;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.requests.CreateKeyRequest;

/** Keys made through the OCI SDK. */
final class SdkKeys {
  private SdkKeys() {}

  /** A new AES-256 EXTERNAL key for the EKM key {@code externalKeyId}; its id. */
  static String create(KmsManagementClient management, String compartment, String externalKeyId) {
    return management
        .createKey(
            CreateKeyRequest.builder()
                .createKeyDetails(
                    CreateKeyDetails.builder()
                        .compartmentId(compartment)
                        .displayName("mtls")
                        .keyShape(
                            KeyShape.builder().algorithm(KeyShape.Algorithm.Aes).length(32).build())
                        .protectionMode(CreateKeyDetails.ProtectionMode.External)
                        .externalKeyReference(
                            ExternalKeyReference.builder().externalKeyId(externalKeyId).build())
                        .build())
                .build())
        .getKey()
        .getId();
  }
}
