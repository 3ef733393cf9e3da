package io.ekms.stack;

import io.ekms.admin.client.EkmAdmin;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.admin.client.KmsAdmin;
import java.nio.file.Path;
import java.util.List;

/**
 * What a tenant's set-up needs of a running system, whether one process ({@link LoopbackStack}) or
 * several ({@link ProcessCluster}): where its servers listen, the one CA their certificates chain
 * to, and the admin APIs of its first EKM and KMS node (every node of a kind shares one database).
 */
public interface StackEndpoints {
  /** The directory holding the servers' data. */
  Path dataDir();

  /** The CA (PEM) every server's certificate chains to. */
  Path caFile();

  /** The identity server's issuer URL (it serves the OAuth token endpoint). */
  String identityIssuer();

  /** The KMS API's base URL (of its first node). */
  String kmsUrl();

  /**
   * The origin vault URLs name (the first EKM node's API, {@code https://host:port}); every EKM
   * node expects access tokens for it.
   */
  String ekmUrl();

  /** The audience EKM nodes expect in access tokens: {@link #ekmUrl()} with a trailing slash. */
  String ekmAudience();

  /** Every EKM node's API as {@code host:port}, in the order a private endpoint lists them. */
  List<String> ekmAddresses();

  IdentityAdmin identityAdmin();

  EkmAdmin ekmAdmin();

  KmsAdmin kmsAdmin();
}
