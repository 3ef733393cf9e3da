package io.ekms.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML files of a {@link ProcessCluster}'s nodes (docs/ekm-config.md, docs/kms-config.md):
 * every EKM node on schema {@code ekms_ekm} with the one shared master key and the first node's
 * origin as token audience; every KMS node on schema {@code ekms_kms} with the one shared master
 * key, trusting the cluster CA for the identity server, with loopback egress allowed.
 */
final class ClusterConfigs {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ClusterConfigs() {}

  static Path writeEkm(
      Path nodeDir, int api, int admin, ClusterDatabase db, Path masterKey, String audience)
      throws IOException {
    Map<String, Object> yaml = common(nodeDir, api, admin, db, ClusterDatabase.EKM_SCHEMA);
    yaml.put("keystore", Map.of("masterKeyFile", masterKey.toString()));
    yaml.put("tokens", Map.of("audience", audience));
    return write(nodeDir, yaml);
  }

  static Path writeKms(
      Path nodeDir, int api, int admin, ClusterDatabase db, Path masterKey, Path caFile)
      throws IOException {
    Map<String, Object> yaml = common(nodeDir, api, admin, db, ClusterDatabase.KMS_SCHEMA);
    yaml.put("masterKeyFile", masterKey.toString());
    yaml.put("ekm", Map.of("identityCaFiles", List.of(caFile.toString())));
    yaml.put(
        "egress",
        Map.of(
            "privateEndpointCidrs", List.of("127.0.0.0/8"),
            "identityHosts", List.of("127.0.0.1"),
            "allowLoopback", true));
    return write(nodeDir, yaml);
  }

  private static Map<String, Object> common(
      Path nodeDir, int api, int admin, ClusterDatabase db, String schema) {
    Map<String, Object> database = new LinkedHashMap<>();
    database.put("jdbcUrl", db.schemaUrl(schema));
    database.put("username", db.username());
    if (db.passwordEnv() != null) {
      database.put("password", Map.of("env", db.passwordEnv()));
    }
    database.put("maxPoolSize", 8);
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("dataDir", nodeDir.toString());
    yaml.put("api", Map.of("host", "127.0.0.1", "port", api));
    yaml.put("admin", Map.of("host", "127.0.0.1", "port", admin));
    yaml.put("database", database);
    return yaml;
  }

  private static Path write(Path nodeDir, Map<String, Object> yaml) throws IOException {
    Path file = nodeDir.resolve(nodeDir.getFileName() + ".yaml");
    YAML.writeValue(file.toFile(), yaml);
    return file;
  }
}
