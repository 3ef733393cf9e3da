package io.ekms.testing;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Unseals every key version of an EKM's software keystore, as only the EKM itself can, so that leak
 * tests know the exact key bytes to search for. Reads a stopped EKM's H2 database directly; knows
 * the sealed-handle layout of {@code SoftwareKeyBackend} (0x01, iv, sealed key, tag; AAD {@code
 * "ekms-sw-v1:" + versionId}).
 */
public final class SoftwareKeystoreReader {
  private SoftwareKeystoreReader() {}

  public static List<byte[]> keyBytes(Path masterKeyFile, String jdbcUrl)
      throws IOException, SQLException {
    byte[] master = Files.readAllBytes(masterKeyFile);
    List<byte[]> keys = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT id, handle FROM ekm_key_versions WHERE handle IS NOT NULL")) {
      while (rs.next()) {
        byte[] raw = Base64.getDecoder().decode(rs.getString(2));
        try {
          keys.add(
              AesGcm.open(
                  master,
                  Arrays.copyOfRange(raw, 1, 13),
                  Arrays.copyOfRange(raw, 13, raw.length),
                  ("ekms-sw-v1:" + rs.getString(1)).getBytes(StandardCharsets.UTF_8)));
        } catch (AuthenticationFailedException e) {
          throw new IllegalStateException("a sealed key does not open under " + masterKeyFile);
        }
      }
    }
    return keys;
  }
}
