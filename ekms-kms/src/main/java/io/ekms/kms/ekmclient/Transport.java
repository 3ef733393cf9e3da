package io.ekms.kms.ekmclient;

import io.ekms.core.secret.Wipe;
import io.ekms.core.tls.TrustBundle;
import io.ekms.kms.ekmclient.TransportFailure.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * HTTPS to one origin under one trust: a JDK {@link HttpClient} speaking HTTP/1.1 with keep-alive
 * pooling, TLS 1.3/1.2 trusting only the given CA certificates, hostname verification on, no proxy,
 * no redirects, async work on virtual threads. Shared by every vault on the same endpoint.
 *
 * <p>Retry rule: only a connection that could not be established is tried again, once. The JDK
 * already retries a refused connection once within the connect timeout; this class retries a
 * connect timeout once. A request that may have reached the peer is never resent here (the JDK may
 * resend a GET whose pooled connection turned out closed before any answer; GETs are read-only).
 */
final class Transport implements AutoCloseable {
  private final HttpClient http;
  private final Duration readTimeout;

  /** A response: status and body; the body may hold plaintext, so the caller wipes it. */
  record Answer(int status, byte[] body) {
    void wipe() {
      Wipe.bytes(body);
    }
  }

  Transport(List<X509Certificate> trust, EkmClientConfig config, Executor executor) {
    SSLParameters tls = new SSLParameters();
    tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustBundle.sslContext(trust))
            .sslParameters(tls)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .executor(executor)
            .build();
    this.readTimeout = config.readTimeout();
  }

  /** Sends {@code request} and reads an answer of at most {@code maxBody} bytes. */
  Answer send(HttpRequest request, int maxBody) throws TransportFailure {
    try {
      return attempt(request, maxBody);
    } catch (TransportFailure failure) {
      if (failure.kind() != Kind.CONNECT_TIMEOUT) {
        throw failure;
      }
      return attempt(request, maxBody);
    }
  }

  private Answer attempt(HttpRequest request, int maxBody) throws TransportFailure {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, BoundedBody.handler(maxBody));
    try {
      HttpResponse<byte[]> response = future.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Answer(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      abandon(future);
      throw new TransportFailure(
          Kind.TIMED_OUT, "no complete answer within " + readTimeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      abandon(future);
      Thread.currentThread().interrupt();
      throw new TransportFailure(Kind.INTERRUPTED, "interrupted while waiting for the answer", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause());
    }
  }

  /** Cancels the exchange (closing its connection); an answer that still arrives is wiped. */
  private static void abandon(CompletableFuture<HttpResponse<byte[]>> future) {
    future.cancel(true);
    future.thenAccept(response -> Wipe.bytes(response.body()));
  }

  static TransportFailure classify(Throwable failure) {
    Throwable root = failure;
    boolean tls = false;
    boolean untrusted = false;
    boolean badCertificate = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      root = t;
      tls |= t instanceof SSLException;
      untrusted |= t instanceof CertPathBuilderException || t instanceof CertPathValidatorException;
      badCertificate |= t instanceof CertificateException;
    }
    String detail = describe(root);
    Kind kind;
    if (untrusted) {
      kind = Kind.TLS_UNTRUSTED;
    } else if (tls && badCertificate) {
      kind = Kind.TLS_NAME_MISMATCH;
    } else if (tls) {
      kind = Kind.TLS_FAILED;
    } else if (failure instanceof HttpConnectTimeoutException) {
      kind = Kind.CONNECT_TIMEOUT;
    } else if (failure instanceof HttpTimeoutException) {
      kind = Kind.TIMED_OUT;
    } else if (failure instanceof ConnectException) {
      kind = Kind.CONNECT_FAILED;
    } else if (failure instanceof BoundedBody.TooLargeException) {
      kind = Kind.ANSWER_TOO_LARGE;
    } else if (failure instanceof IOException) {
      kind = Kind.CONNECTION_LOST;
    } else {
      kind = Kind.CONNECTION_LOST;
      detail = "unexpected " + detail;
    }
    return new TransportFailure(kind, detail, failure);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + t.getMessage();
    String text = t.getClass().getSimpleName() + message;
    return text.length() > 240 ? text.substring(0, 240) + "..." : text;
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
