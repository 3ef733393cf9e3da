package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.AdminException;
import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.KmsAdmin;
import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.http.Listener;
import io.ekms.kms.external.FakeExternalVaults;
import io.ekms.testing.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Over HTTPS, every admin call leaves exactly one audit record, written by its service, or by the
 * route when the call failed before the service ran; the record holds the code the admin saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsAdminAuditTest {
  private static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private KmsServer kms;
  private KmsAdmin admin;

  @BeforeAll
  void start() throws Exception {
    Path dir = TempDirs.create("kms-admin-audit-");
    Listener loopback = new Listener("127.0.0.1", 0);
    KmsConfig config = KmsConfig.builder(dir).api(loopback).admin(loopback).build();
    KmsInit.run(config, Map.of(), null, FirstAdministrator.allRoles("admin"));
    kms =
        KmsServer.start(
            config,
            Map.of(),
            new KmsParts(
                new FakeExternalVaults(), KmsConfig.Egress.loopbackOnly().policy(), routing -> {}));
    admin =
        new KmsAdmin(
            AdminHttp.of(
                "KMS",
                "https://127.0.0.1:" + kms.adminPort(),
                dir.resolve("tls/ca.pem"),
                dir.resolve("admin.token")));
  }

  @AfterAll
  void stop() {
    kms.close();
  }

  @Test
  void createUser_ok_oneRecordByTheService() throws Exception {
    int before = results("CreateUser").size();

    admin.createUser(TENANCY, "one");

    assertThat(results("CreateUser").subList(before, results("CreateUser").size()))
        .containsExactly("OK");
  }

  @Test
  void createUser_bodyNotAnObject_oneRecordWithTheAnsweredCode() throws Exception {
    int before = results("CreateUser").size();

    assertThatThrownBy(() -> admin.http().call("POST", "/admin/v1/users", "not an object"))
        .isInstanceOfSatisfying(AdminException.class, e -> answered(e, 400, "InvalidParameter"));

    assertThat(results("CreateUser").subList(before, results("CreateUser").size()))
        .containsExactly("InvalidParameter");
  }

  @Test
  void getUser_unknown_oneRecordWithTheAnsweredCode() throws Exception {
    int before = results("GetUser").size();

    assertThatThrownBy(() -> admin.user("ocid1.user.oc1..aaaaaaaanobody"))
        .isInstanceOfSatisfying(
            AdminException.class, e -> answered(e, 404, "NotAuthorizedOrNotFound"));

    assertThat(results("GetUser").subList(before, results("GetUser").size()))
        .containsExactly("NotAuthorizedOrNotFound");
  }

  private static void answered(AdminException e, int status, String code) {
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.code()).isEqualTo(code);
  }

  /** The results of the admin's records of {@code operation}, oldest first. */
  private List<String> results(String operation) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode entry :
        admin.http().call("GET", "/admin/v1/audit?limit=1000", null).path("items")) {
      JsonNode record = entry.path("record");
      if (record.path("operation").asText().equals(operation)
          && record.path("caller").asText().equals("admin:admin")) {
        out.add(record.path("result").asText());
      }
    }
    return out;
  }
}
