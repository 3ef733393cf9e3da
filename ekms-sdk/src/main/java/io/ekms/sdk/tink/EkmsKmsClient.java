package io.ekms.sdk.tink;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import io.ekms.sdk.OciConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Tink's {@link KmsClient} for ekms key URIs ({@code ekms://vaults/<vault>/keys/<key>}, {@link
 * EkmsKeyUri}): {@link #getAead} gives an {@link Aead} backed by the KMS, so Tink's {@code
 * KmsEnvelopeAead}, and code written for Tink's cloud KMS clients, work unchanged:
 *
 * <pre>{@code
 * KmsClients.add(EkmsKmsClient.of(kmsClient));          // or EkmsKmsClient.register(kmsClient)
 * Aead aead = KeysetHandle.generateNew(
 *         KmsEnvelopeAeadKeyManager.createKeyTemplate(keyUri, PredefinedAeadParameters...))
 *     .getPrimitive(RegistryConfiguration.get(), Aead.class);
 * }</pre>
 *
 * A client may be bound to one key URI, like Tink's own clients; then it supports that URI only.
 */
public final class EkmsKmsClient implements KmsClient {
  private final io.ekms.sdk.KmsClient kms;
  private final String boundUri;
  private final String endpoint;
  private final Path caBundle;

  private EkmsKmsClient(
      io.ekms.sdk.KmsClient kms, String boundUri, String endpoint, Path caBundle) {
    this.kms = kms;
    this.boundUri = boundUri;
    this.endpoint = endpoint;
    this.caBundle = caBundle;
  }

  /** A client using {@code kms} (its endpoint, trust and API key) for any ekms key URI. */
  public static EkmsKmsClient of(io.ekms.sdk.KmsClient kms) {
    return new EkmsKmsClient(kms, null, null, null);
  }

  /** As {@link #of}, registered with Tink's {@link KmsClients}. */
  public static EkmsKmsClient register(io.ekms.sdk.KmsClient kms) {
    EkmsKmsClient client = of(kms);
    KmsClients.add(client);
    return client;
  }

  /**
   * A client without credentials yet, for the KMS at {@code endpoint} trusting the CA bundle {@code
   * caBundle}; {@link #withCredentials} or {@link #withDefaultCredentials} give it an API key from
   * an OCI config file, as Tink's clients take theirs.
   */
  public static EkmsKmsClient forEndpoint(String endpoint, Path caBundle) {
    return new EkmsKmsClient(null, null, endpoint, caBundle);
  }

  /** The same client, supporting {@code keyUri} only. */
  public EkmsKmsClient boundTo(String keyUri) {
    return new EkmsKmsClient(kms, EkmsKeyUri.parse(keyUri).toString(), endpoint, caBundle);
  }

  @Override
  public boolean doesSupport(String keyUri) {
    if (boundUri != null) {
      return boundUri.equals(keyUri);
    }
    try {
      EkmsKeyUri.parse(keyUri);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Reads the API key from the {@code DEFAULT} profile of the OCI config file at the path. */
  @Override
  public KmsClient withCredentials(String credentialPath) throws GeneralSecurityException {
    return withConfig(Path.of(credentialPath));
  }

  /** Reads the API key from the {@code DEFAULT} profile of {@code ~/.oci/config}. */
  @Override
  public KmsClient withDefaultCredentials() throws GeneralSecurityException {
    return withConfig(OciConfigFile.defaultFile());
  }

  private KmsClient withConfig(Path config) throws GeneralSecurityException {
    if (endpoint == null) {
      throw new GeneralSecurityException(
          "this client already has its credentials; use EkmsKmsClient.forEndpoint to read them");
    }
    try {
      io.ekms.sdk.KmsClient client =
          io.ekms.sdk.KmsClient.builder()
              .endpoint(endpoint)
              .trust(caBundle)
              .profile(config, OciConfigFile.DEFAULT_PROFILE)
              .build();
      return new EkmsKmsClient(client, boundUri, endpoint, caBundle);
    } catch (IOException | RuntimeException e) {
      throw new GeneralSecurityException("cannot read the OCI config file " + config, e);
    }
  }

  @Override
  public Aead getAead(String keyUri) throws GeneralSecurityException {
    if (!doesSupport(keyUri)) {
      throw new GeneralSecurityException("this client does not support " + keyUri);
    }
    if (kms == null) {
      throw new GeneralSecurityException("no credentials: call withCredentials first");
    }
    EkmsKeyUri uri = EkmsKeyUri.parse(keyUri);
    return new EkmsAead(kms.crypto(uri.vaultId()), uri.keyId());
  }
}
