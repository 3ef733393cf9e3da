package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.admin.client.AdminException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdminCallsTest {
  @TempDir Path dir;

  @Test
  void run_serverFailed5xx_unavailable() {
    assertThatThrownBy(
            () ->
                AdminCalls.run(
                    () -> {
                      throw new AdminException("EKM", 503, "ServiceUnavailable", "busy");
                    }))
        .isInstanceOfSatisfying(CliRemoteException.class, e -> assertThat(e.unavailable()).isTrue())
        .hasMessage("the EKM answered 503 ServiceUnavailable: busy");
  }

  @Test
  void run_serverRefused4xx_refusal() {
    assertThatThrownBy(
            () ->
                AdminCalls.run(
                    () -> {
                      throw new AdminException("KMS", 404, "NotFound", "no such user");
                    }))
        .isInstanceOfSatisfying(
            CliRemoteException.class, e -> assertThat(e.unavailable()).isFalse())
        .hasMessage("the KMS answered 404 NotFound: no such user");
  }

  @Test
  void run_tlsFailure_unavailableWithTheClientsSentence() {
    assertThatThrownBy(
            () ->
                AdminCalls.run(
                    () -> {
                      throw new UncheckedIOException(
                          "the EKM cannot be reached at https://127.0.0.1:8444",
                          new SSLHandshakeException("PKIX path building failed"));
                    }))
        .isInstanceOfSatisfying(CliRemoteException.class, e -> assertThat(e.unavailable()).isTrue())
        .hasMessage("the EKM cannot be reached at https://127.0.0.1:8444");
  }

  @Test
  void vaultList_nothingListening_exitUnavailableWithTheConnectSentence() throws Exception {
    Files.writeString(dir.resolve("admin.token"), "ekmsadm_0123\n");
    Files.setPosixFilePermissions(
        dir.resolve("admin.token"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Files.createDirectories(dir.resolve("tls"));
    Files.writeString(
        dir.resolve("tls/ca.pem"), io.ekms.core.tls.LocalCa.create("t").certificatePem());
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));

    int code =
        cli.execute(
            "ekm",
            "vault",
            "list",
            "--admin-url",
            "https://127.0.0.1:" + port,
            "--data-dir",
            dir.toString());

    assertThat(code).isEqualTo(ErrorHandler.UNAVAILABLE);
    assertThat(err.toString()).contains("cannot connect to the server");
  }

  @Test
  void run_connectionRefused_theConnectExceptionErrorHandlerExplains() {
    ConnectException refused = new ConnectException("Connection refused");
    assertThatThrownBy(
            () ->
                AdminCalls.run(
                    () -> {
                      throw new UncheckedIOException("the EKM cannot be reached", refused);
                    }))
        .isSameAs(refused);
  }
}
