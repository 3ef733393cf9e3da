package io.ekms.cli;

import io.ekms.admin.client.AdminException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.function.Supplier;

/**
 * Runs one call of an admin client and turns its failures into the CLI's: an error answer becomes a
 * {@link CliRemoteException} (unavailable when the server failed with 5xx, a refusal for 4xx), a
 * refused connection the {@link ConnectException} {@link ErrorHandler} explains, and any other
 * failure to reach the server (TLS, timeout) an unavailable server.
 */
final class AdminCalls {
  private AdminCalls() {}

  static <T> T run(Supplier<T> call) throws ConnectException {
    try {
      return call.get();
    } catch (AdminException e) {
      throw new CliRemoteException(e.getMessage(), e.retryable());
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof ConnectException refused) {
        throw refused;
      }
      throw new CliRemoteException(e.getMessage(), true);
    }
  }
}
