package io.ekms.ekm.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.secret.Redacted;
import java.util.List;

/**
 * The requests and answers of the XKS key operations (GetKeyMetadata, Encrypt, Decrypt), field for
 * field as the XKS Proxy API specification v1.0.3 names them: {@link XksOperations} takes and gives
 * them, the XKS routes read and write them as JSON. {@code requestMetadata} stays a JSON tree: its
 * fields are opaque to the proxy and new ones must be accepted.
 */
public final class XksMessages {
  private XksMessages() {}

  /** GetKeyMetadata response. */
  public record KeyMetadataResponse(String keySpec, List<String> keyUsage, String keyStatus) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Encrypt request. */
  public record EncryptRequest(
      JsonNode requestMetadata,
      String plaintext,
      String encryptionAlgorithm,
      String additionalAuthenticatedData,
      String ciphertextDataIntegrityValueAlgorithm) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Encrypt response; {@code ciphertextDataIntegrityValue} only when asked for. */
  public record EncryptResponse(
      String ciphertext,
      String initializationVector,
      String authenticationTag,
      String ciphertextMetadata,
      String ciphertextDataIntegrityValue) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Decrypt request. */
  public record DecryptRequest(
      JsonNode requestMetadata,
      String ciphertext,
      String encryptionAlgorithm,
      String initializationVector,
      String authenticationTag,
      String additionalAuthenticatedData,
      String ciphertextMetadata) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Decrypt response. */
  public record DecryptResponse(String plaintext) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
