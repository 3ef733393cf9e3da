package io.ekms.it.ekm;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An XKS client whose SigV4 signatures come from curl's own implementation ({@code --aws-sigv4}),
 * independent of the EKM's verifier: a shared misreading of SigV4 cannot pass unnoticed.
 */
final class XksCurl {
  /** An XKS answer: status and parsed body. */
  record Answer(int status, JsonNode body, String raw) {
    String errorName() {
      return body.path("errorName").asText();
    }
  }

  private final String base;
  private final Path ca;
  private final List<String> options;

  /** {@code options} go to every curl call, such as a client certificate. */
  XksCurl(String base, Path ca, String... options) {
    this.base = base;
    this.ca = ca;
    this.options = List.of(options);
  }

  Answer post(String path, String akid, String secret, Object body) throws Exception {
    return send("POST", path, akid, secret, Json.writeString(body));
  }

  Answer send(String method, String path, String akid, String secret, String body)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "curl",
                "-s",
                "--cacert",
                ca.toString(),
                "--aws-sigv4",
                "aws:amz:us-east-1:kms-xks-proxy",
                "--user",
                akid + ":" + secret,
                "-H",
                "Content-Type: application/json",
                "-X",
                method,
                "-w",
                "\n%{http_code}"));
    cmd.addAll(options);
    if (body != null) {
      cmd.addAll(List.of("--data-binary", "@-"));
    }
    cmd.add(base + path);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    try (OutputStream in = p.getOutputStream()) {
      if (body != null) {
        in.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("curl failed: " + out);
    }
    int nl = out.lastIndexOf('\n');
    String text = out.substring(0, nl);
    JsonNode json = text.isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(text);
    return new Answer(Integer.parseInt(out.substring(nl + 1).strip()), json, text);
  }
}
