package io.ekms.cli;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsException;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the verbs that call the KMS API through the SDK: builds the client from the shared
 * options, runs, prints the result as JSON or a table, and turns {@link KmsException} into one
 * sentence with the exit code of a refusal (4xx) or of an unavailable KMS (no answer, 5xx).
 */
abstract class KmsVerb implements Callable<Integer> {
  @Mixin KmsOptions kms;
  @Spec CommandSpec spec;

  /** Does the work; the result is printed. */
  abstract Object run(KmsClient client) throws Exception;

  /** The columns of {@code --output table}. */
  abstract List<Output.Column> columns();

  @Override
  public Integer call() throws Exception {
    KmsClient client = kms.client();
    Object result;
    try {
      result = run(client);
    } catch (KmsException e) {
      throw translate(e);
    }
    Output.print(spec.commandLine().getOut(), kms.output, result, columns());
    return 0;
  }

  static CliRemoteException translate(KmsException e) {
    String id = e.opcRequestId() == null ? "" : " (opc-request-id " + e.opcRequestId() + ")";
    if (e.status() == 0) {
      return new CliRemoteException(unreachable(e), true);
    }
    String what = e.status() + " " + e.code() + ": " + Paths.sentence(e.getMessage()) + id;
    if (e.retryable()) {
      String after =
          e.retryAfterSeconds() > 0 ? "in " + e.retryAfterSeconds() + " s" : "in a moment";
      return new CliRemoteException(
          "the KMS cannot serve the request now (" + what + "); try again " + after, true);
    }
    if (e.status() >= 500) {
      return new CliRemoteException(
          "the KMS failed (" + what + "); try again or ask its operator", true);
    }
    return new CliRemoteException("the KMS refused the request (" + what + ")" + hint(e), false);
  }

  private static String unreachable(KmsException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return "cannot verify the KMS's TLS certificate; pass --ca-file with the CA that signed it";
      }
      if (t instanceof java.net.ConnectException) {
        return "cannot connect to the KMS; is it running, and are --endpoint and its port right?";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "the KMS did not answer in time; check --endpoint and the network";
      }
    }
    return Paths.sentence(e.getMessage()) + "; check --endpoint";
  }

  private static String hint(KmsException e) {
    return switch (e.code()) {
      case "NotAuthenticated" -> "; check the user, fingerprint and key_file of --profile";
      case "NotAuthorizedOrNotFound" -> "; check the id and the user's grants in the compartment";
      default -> "";
    };
  }
}
