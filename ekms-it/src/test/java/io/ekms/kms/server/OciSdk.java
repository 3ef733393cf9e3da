package io.ekms.kms.server;

import com.oracle.bmc.Region;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.http.ClientConfigurator;
import com.oracle.bmc.http.client.StandardClientProperties;
import com.oracle.bmc.keymanagement.EkmClient;
import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.KmsVaultClient;
import io.ekms.common.tls.Pem;
import io.ekms.core.tls.PemWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;

/** The official OCI Java SDK's clients, pointed at ekms by endpoint only, trusting its CA. */
final class OciSdk {
  private final SimpleAuthenticationDetailsProvider auth;
  private final ClientConfigurator trust;

  OciSdk(String tenancy, String user, String fingerprint, PrivateKey key, Path caFile)
      throws Exception {
    String pem = PemWriter.encode(key);
    this.auth =
        SimpleAuthenticationDetailsProvider.builder()
            .tenantId(tenancy)
            .userId(user)
            .fingerprint(fingerprint)
            .region(Region.US_ASHBURN_1)
            .privateKeySupplier(
                () -> new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .build();
    javax.net.ssl.SSLContext tls =
        io.ekms.common.tls.TrustBundle.sslContext(Pem.certificates(caFile));
    this.trust = b -> b.property(StandardClientProperties.SSL_CONTEXT, tls);
  }

  EkmClient ekm(String endpoint) {
    return EkmClient.builder().endpoint(endpoint).clientConfigurator(trust).build(auth);
  }

  KmsVaultClient vaults(String endpoint) {
    return KmsVaultClient.builder().endpoint(endpoint).clientConfigurator(trust).build(auth);
  }

  KmsManagementClient management(String endpoint) {
    return KmsManagementClient.builder().endpoint(endpoint).clientConfigurator(trust).build(auth);
  }

  KmsCryptoClient crypto(String endpoint) {
    return KmsCryptoClient.builder().endpoint(endpoint).clientConfigurator(trust).build(auth);
  }
}
