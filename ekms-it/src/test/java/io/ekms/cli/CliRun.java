package io.ekms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.it.TenantWorld;
import io.ekms.stack.LoopbackStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real {@code ekms} command line in-process and captures what it prints. */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * A KMS admin verb ({@code ekms kms user|audit ...}) against {@code stack}'s KMS admin API, with
   * its admin token's directory; admin verbs print to {@code System.out}, captured here.
   */
  static CliRun kmsAdmin(LoopbackStack stack, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--admin-url",
            stack.kmsAdminUrl(),
            "--data-dir",
            stack.adminTokenFile("kms").getParent().toString()));
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      CliRun run = of(all.toArray(String[]::new));
      return new CliRun(
          run.code(), out.toString(java.nio.charset.StandardCharsets.UTF_8), run.err());
    } finally {
      System.setOut(original);
    }
  }

  /** {@code args} followed by {@code --quickstart file}. */
  static CliRun with(Path quickstart, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--quickstart");
    all.add(quickstart.toString());
    return of(all.toArray(String[]::new));
  }

  /** The JSON printed by a run that must have succeeded. */
  JsonNode json() {
    if (code != 0) {
      throw new AssertionError("exit " + code + ": " + err);
    }
    try {
      return Json.mapper().readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a quickstart.json for {@code world} (as {@code ekms quickstart} does, with an extra
   * field the CLI must ignore) into {@code dir}.
   */
  static Path quickstart(TenantWorld world, Path dir) throws IOException {
    LoopbackStack stack = world.stack;
    Map<String, Object> kms = new LinkedHashMap<>();
    kms.put("endpoint", stack.kms().baseUrl());
    kms.put("ociConfig", world.ociConfig.toAbsolutePath().toString());
    kms.put("profile", TenantWorld.PROFILE);
    kms.put("compartmentId", TenantWorld.COMPARTMENT);
    kms.put("vaultId", world.vault.id());
    kms.put("keyId", world.key.id());
    kms.put("privateEndpointId", world.endpoint.id());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("caCertificate", stack.caFile().toAbsolutePath().toString());
    doc.put("kms", kms);
    doc.put("identity", Map.of("endpoint", stack.identity().issuer()));
    Path file = dir.resolve("quickstart.json");
    Files.writeString(file, Json.writeString(doc));
    return file;
  }
}
