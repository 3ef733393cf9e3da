package io.ekms.ekm.http.xks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.secret.Redacted;
import io.ekms.ekm.service.XksMessages;
import java.util.List;

/**
 * The bodies of the XKS API that only its routes read or write: GetHealthStatus, the GetKeyMetadata
 * request and the error answer, field for field as the XKS Proxy API specification v1.0.3 names
 * them (the key operations' own bodies are {@link XksMessages}). {@code requestMetadata} stays a
 * JSON tree: its fields are opaque to the proxy and new ones must be accepted.
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

  /** Every error answer. */
  public record ErrorResponse(String errorName, String errorMessage) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
