package io.ekms.ekm.xks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.core.secret.Redacted;
import java.util.List;

/**
 * The request and response bodies of the four XKS operations, field for field as the XKS Proxy API
 * specification v1.0.3 names them. {@code requestMetadata} stays a JSON tree: its fields are opaque
 * to the proxy and new ones must be accepted.
 */
public final class XksBodies {
  private XksBodies() {}

  /** GetHealthStatus request. */
  public record HealthRequest(JsonNode requestMetadata) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** GetHealthStatus response. */
  public record HealthResponse(
      int xksProxyFleetSize,
      String xksProxyVendor,
      String xksProxyModel,
      String ekmVendor,
      List<FleetDetail> ekmFleetDetails) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** One member of {@code ekmFleetDetails}. */
  public record FleetDetail(String id, String model, String healthStatus) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** GetKeyMetadata request. */
  public record KeyMetadataRequest(JsonNode requestMetadata) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

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

  /** Every error answer. */
  public record ErrorResponse(String errorName, String errorMessage) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
