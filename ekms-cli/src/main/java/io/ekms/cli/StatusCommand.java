package io.ekms.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ekms status}: each party's health and version, from the detailed {@code /health} of its
 * admin listener (which names the failing check). Exit 0 when every party is up, 4 otherwise.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Health and version of the identity server, the EKM and the KMS, from their admin"
            + " listeners' /health; exit 0 when all are UP, 4 otherwise.")
final class StatusCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--quickstart", description = "quickstart.json: every address and the CA.")
  Path quickstart;

  @Option(names = "--identity-admin", description = "Default: https://127.0.0.1:8446.")
  String identityAdmin;

  @Option(names = "--ekm-admin", description = "Default: https://127.0.0.1:8444.")
  String ekmAdmin;

  @Option(names = "--kms-admin", description = "Default: https://127.0.0.1:9444.")
  String kmsAdmin;

  @Option(names = "--ca-file", description = "CA (PEM) the servers' certificates chain to.")
  Path caFile;

  @Option(names = "--output", defaultValue = "JSON", description = "json or table.")
  Output.Format output;

  /** What {@code quickstart.json} says of the three admin listeners. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Addresses(String caCertificate, Party identity, Party ekm, Party kms) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Party(String adminEndpoint) {}

  /** One party's answer. */
  record Row(String party, String url, String status, String version, Map<String, String> checks) {}

  @Override
  public Integer call() throws Exception {
    Addresses file = quickstart == null ? null : read(quickstart);
    Path ca = caFile != null ? caFile : file == null ? null : Path.of(file.caCertificate());
    if (ca == null) {
      throw new IllegalArgumentException("pass --ca-file or --quickstart (the CA of the servers)");
    }
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(ca)))
            .connectTimeout(TIMEOUT)
            .build();
    List<Row> rows = new ArrayList<>();
    rows.add(
        probe(http, "identity", pick(identityAdmin, file == null ? null : file.identity(), 8446)));
    rows.add(probe(http, "ekm", pick(ekmAdmin, file == null ? null : file.ekm(), 8444)));
    rows.add(probe(http, "kms", pick(kmsAdmin, file == null ? null : file.kms(), 9444)));
    Output.print(
        spec.commandLine().getOut(),
        output,
        rows,
        List.of(
            new Output.Column("PARTY", "/party"),
            new Output.Column("STATUS", "/status"),
            new Output.Column("VERSION", "/version"),
            new Output.Column("ADMIN", "/url")));
    return rows.stream().allMatch(r -> r.status().equals("UP")) ? 0 : ErrorHandler.UNAVAILABLE;
  }

  private static String pick(String given, Party fromFile, int defaultPort) {
    if (given != null) {
      return given;
    }
    if (fromFile != null && fromFile.adminEndpoint() != null) {
      return fromFile.adminEndpoint();
    }
    return "https://127.0.0.1:" + defaultPort;
  }

  private static Row probe(HttpClient http, String party, String url) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/health")).timeout(TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = Json.mapper().readTree(answer.body());
      Map<String, String> checks = new LinkedHashMap<>();
      body.path("checks").properties().forEach(e -> checks.put(e.getKey(), e.getValue().asText()));
      return new Row(
          party,
          url,
          body.path("status").asText("DOWN"),
          body.path("version").asText(null),
          checks);
    } catch (IOException | RuntimeException e) {
      return new Row(party, url, "UNREACHABLE", null, Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Row(party, url, "UNREACHABLE", null, Map.of());
    }
  }

  private static Addresses read(Path file) {
    try {
      return Json.read(Files.readAllBytes(file), Addresses.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the quickstart file " + Paths.display(file) + "; fix --quickstart");
    }
  }
}
