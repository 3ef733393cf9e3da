package io.ekms.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.cli.Main;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartCommandTest {
  @TempDir Path dataDir;

  @Test
  void call_twiceOnOneDataDir_passesAndReusesIt() throws Exception {
    int base = freePortBase();
    Run first = quickstart(base);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("first run", "Every step behaved as expected.");
    QuickstartFile file = QuickstartFile.readIfPresent(dataDir);

    Run second = quickstart(base);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("Reusing", "still ok", "still decrypts", "Every step behaved as expected.");
    assertThat(QuickstartFile.readIfPresent(dataDir)).isEqualTo(file);
  }

  @Test
  void call_exit_writesQuickstartJsonThatNamesLiveServersAndFiles() throws Exception {
    int base = freePortBase();
    assertThat(quickstart(base).exit()).isZero();
    Path json = dataDir.resolve("quickstart.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(json)))
        .isEqualTo("rw-------");
    var tree = Json.mapper().readTree(json.toFile());
    assertThat(fieldNames(tree))
        .containsExactly("caCertificate", "kms", "ekm", "identity", "xks", "gcp");
    assertThat(fieldNames(tree.path("gcp")))
        .containsExactly(
            "endpoint",
            "uriPrefix",
            "keyName",
            "issuer",
            "audience",
            "serviceAccount",
            "clientId",
            "tokenFile",
            "tokenCommand");
    assertThat(fieldNames(tree.path("kms")))
        .containsExactly(
            "endpoint",
            "adminEndpoint",
            "ociConfig",
            "profile",
            "compartmentId",
            "vaultId",
            "keyId",
            "privateEndpointId");
    assertThat(fieldNames(tree.path("ekm")))
        .containsExactly("endpoint", "adminEndpoint", "adminTokenFile", "vaultId", "keyId");
    assertThat(fieldNames(tree.path("xks")))
        .containsExactly("host", "uriPrefix", "accessKeyId", "secretAccessKey", "keyId");
    QuickstartFile file = QuickstartFile.readIfPresent(dataDir);
    assertThat(Path.of(file.caCertificate())).isAbsolute().exists();
    assertThat(Path.of(file.kms().ociConfig())).isAbsolute().exists();
    assertThat(Path.of(file.ekm().adminTokenFile())).isAbsolute().exists();
    assertThat(file.xks().uriPrefix()).doesNotStartWith("/");
    assertThat(file.xks().host()).isEqualTo("127.0.0.1:" + (base + 2));
    assertThat(file.kms().endpoint()).isEqualTo("https://127.0.0.1:" + (base + 4));
    assertThat(file.kms().adminEndpoint()).isEqualTo("https://127.0.0.1:" + (base + 5));
    assertThat(file.identity().adminEndpoint()).isEqualTo("https://127.0.0.1:" + (base + 1));
    assertThat(file.gcp().keyUri())
        .isEqualTo(file.ekm().endpoint() + "/gcp/quickstart/v0/keys/quickstart-key");
    assertThat(file.gcp().issuer()).isEqualTo(file.identity().endpoint());
    Path token = Path.of(file.gcp().tokenFile());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(token)).startsWith("eyJ");
  }

  @Test
  void call_dataDirSetUpBeforeTheGoogleKeyStore_addsItAndTellsTheStory() throws Exception {
    int base = freePortBase();
    assertThat(quickstart(base).exit()).isZero();
    Path json = dataDir.resolve("quickstart.json");
    var tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(json.toFile());
    tree.remove("gcp");
    Files.write(json, Json.write(tree));

    Run again = quickstart(base);

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("Set up a Google Cloud EKM key store", "Cloud EKM wrap and unwrap");
    assertThat(QuickstartFile.readIfPresent(dataDir).gcp()).isNotNull();
  }

  @Test
  void call_servingThenStopped_endpointsAnswerWhileServing() throws Exception {
    int base = freePortBase();
    assertThat(quickstart(base).exit()).isZero();
    QuickstartFile file = QuickstartFile.readIfPresent(dataDir);
    try (var stack = LoopbackStack.start(dataDir, StackPorts.from(base))) {
      assertThat(stack.kms().baseUrl()).isEqualTo(file.kms().endpoint());
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(TrustBundle.sslContext(Pem.certificates(Path.of(file.caCertificate()))))
              .build();
      for (String url :
          List.of(
              file.kms().endpoint() + "/health",
              file.ekm().endpoint() + "/health",
              Usage.consoleUrl(file) + "/login",
              file.identity().endpoint() + "/.well-known/openid-configuration")) {
        var answer =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url).isEqualTo(200);
      }
    }
    var printed = new java.io.StringWriter();
    Usage.print(new java.io.PrintWriter(printed), dataDir.resolve(QuickstartFile.NAME), file);
    assertThat(printed.toString())
        .contains(file.ekm().adminEndpoint() + "/console")
        .contains("admin token, the one line of " + file.ekm().adminTokenFile());
  }

  @Test
  void call_exit_dataDirHoldsTheXksSecretOnlyInQuickstartJson() throws Exception {
    assertThat(quickstart(freePortBase()).exit()).isZero();
    QuickstartFile file = QuickstartFile.readIfPresent(dataDir);
    byte[] secret = file.xks().secretAccessKey().getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(dataDir)) {
      List<Path> holding =
          files
              .filter(Files::isRegularFile)
              .filter(p -> contains(p, secret))
              .map(dataDir::relativize)
              .toList();
      assertThat(holding).containsExactly(Path.of("quickstart.json"));
    }
    assertThat(
            Files.readString(dataDir.resolve("story/sample.txt.ekms"), StandardCharsets.ISO_8859_1))
        .doesNotContain("sample file");
  }

  @Test
  void call_portTaken_failsWithOneSentence() throws Exception {
    int base = freePortBase();
    try (var taken = new ServerSocket(base + 4, 1, InetAddress.getLoopbackAddress())) {
      Run run = quickstart(base);
      assertThat(taken.getLocalPort()).isEqualTo(base + 4);
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err().strip())
          .isEqualTo(
              "ekms quickstart: Port "
                  + (base + 4)
                  + " on 127.0.0.1 is taken (is another ekms running?); stop it or choose other"
                  + " ports with --port-base.");
    }
  }

  @Test
  void call_nodesZero_refusedWithOneSentence() {
    Run run = execute("quickstart", "--exit", "--nodes", "0", "--data-dir", dataDir.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("ekms quickstart: --nodes must be 1 to 9.\n");
  }

  @Test
  void call_kmsRateLimitNegative_refusedWithOneSentence() {
    Run run =
        execute("quickstart", "--exit", "--kms-rate-limit", "-1", "--data-dir", dataDir.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("ekms quickstart: --kms-rate-limit must be 0 to 500000.\n");
  }

  @Test
  void call_kmsRateLimitWithNodes_refusedWithOneSentence() {
    Run run =
        execute(
            "quickstart",
            "--exit",
            "--nodes",
            "2",
            "--kms-rate-limit",
            "0",
            "--data-dir",
            dataDir.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ekms quickstart: --kms-rate-limit is for one node; a cluster's nodes keep theirs.\n");
  }

  @Test
  void call_nodesOnANonPostgresUrl_refusedWithOneSentence() {
    Run run =
        execute(
            "quickstart",
            "--exit",
            "--nodes",
            "2",
            "--database-url",
            "jdbc:h2:mem:cluster",
            "--port-base",
            "" + freePortBase(),
            "--data-dir",
            dataDir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("ekms quickstart: the database URL must start with jdbc:postgresql://\n");
  }

  private record Run(int exit, String out, String err) {}

  @Test
  void call_xksMtls_xksRoundTripPresentsTheClientCertificateNamedInQuickstartJson()
      throws Exception {
    int base = freePortBase();
    while (io.ekms.stack.StackPorts.taken(base + 6)) {
      base = freePortBase();
    }

    Run run =
        execute(
            "quickstart",
            "--exit",
            "--xks-mtls",
            "--data-dir",
            dataDir.toString(),
            "--port-base",
            "" + base);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("(mutual TLS)");
    QuickstartFile file = QuickstartFile.readIfPresent(dataDir);
    assertThat(file.xks().host()).isEqualTo("127.0.0.1:" + (base + 6));
    assertThat(Path.of(file.xks().clientCertificate())).isAbsolute().exists();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(file.xks().clientKey()))))
        .isEqualTo("rw-------");
  }

  private Run quickstart(int base) {
    return execute(
        "quickstart", "--exit", "--data-dir", dataDir.toString(), "--port-base", "" + base);
  }

  private static Run execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static boolean contains(Path file, byte[] needle) {
    try {
      byte[] hay = Files.readAllBytes(file);
      outer:
      for (int i = 0; i + needle.length <= hay.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Six consecutive free loopback ports, from a random base so parallel runs rarely meet. */
  static int freePortBase() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (allFree(base)) {
        return base;
      }
    }
    throw new IllegalStateException("no six consecutive free ports");
  }

  private static boolean allFree(int base) {
    for (int port = base; port < base + 6; port++) {
      try (var s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
