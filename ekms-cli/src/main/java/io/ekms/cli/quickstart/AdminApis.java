package io.ekms.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.cli.AdminClient;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;

/** The admin APIs of the three servers of a {@link QuickstartStack}, answering JSON trees. */
final class AdminApis {
  private final AdminClient identity;
  private final AdminClient ekm;
  private final AdminClient kms;

  AdminApis(QuickstartStack stack) throws IOException {
    identity = client("identity server", stack.identityAdminUrl(), stack, "identity");
    ekm = client("EKM", stack.ekmAdminUrl(), stack, "ekm");
    kms = client("KMS", stack.kmsAdminUrl(), stack, "kms");
  }

  private static AdminClient client(String name, String url, QuickstartStack stack, String dir)
      throws IOException {
    Path data = stack.dataDir.resolve(dir);
    return new AdminClient(name, url, stack.caFile, data.resolve("admin.token"));
  }

  JsonNode identity(String method, String path, Object body) throws Exception {
    return call(identity, method, path, body);
  }

  JsonNode ekm(String method, String path, Object body) throws Exception {
    return call(ekm, method, path, body);
  }

  JsonNode kms(String method, String path, Object body) throws Exception {
    return call(kms, method, path, body);
  }

  private static JsonNode call(AdminClient client, String method, String path, Object body)
      throws Exception {
    String answer = client.call(method, path, body == null ? null : Json.writeString(body));
    return Json.mapper().readTree(answer.isEmpty() ? "{}" : answer);
  }
}
