package io.ekms.kms.ekmclient;

import io.ekms.common.secret.Wipe;
import io.ekms.common.tls.TrustBundle;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * HTTPS to one origin under one trust: a JDK {@link HttpClient} speaking HTTP/1.1 with keep-alive
 * pooling, TLS 1.3/1.2 trusting only the given CA certificates (and presenting a client certificate
 * when one is given and the server asks), hostname verification on, no proxy, no redirects, async
 * work on virtual threads. Shared by every vault on the same endpoint.
 *
 * <p>Lifecycle: callers {@link #acquire()} a lease for each request and {@link #release()} it;
 * {@link #retire()} (evicted, or no connection could be made) shuts the client down, its selector
 * thread included, once the last lease is released; {@link #close()} shuts it down at once.
 *
 * <p>Retry rule: only a connection that could not be established is tried again, once. The JDK
 * already retries a refused connection once within the connect timeout; this class retries a
 * connect timeout once, unless its caller fails over to another node instead. A request that may
 * have reached the peer is never resent here (the JDK may resend a GET whose pooled connection
 * turned out closed before any answer; GETs are read-only).
 */
final class Transport implements AutoCloseable {
  /** Lease count once shut down: far below zero, so late releases never bring it back to zero. */
  private static final int SHUT = Integer.MIN_VALUE / 2;

  private static final Duration BODY_GRACE = Duration.ofMillis(100);

  private final HttpClient http;
  private final Duration readTimeout;
  private final Duration answerWait;
  private final Runnable onShutdown;
  private final AtomicInteger leases = new AtomicInteger();
  private final AtomicBoolean shut = new AtomicBoolean();
  private volatile boolean retired;

  /**
   * What the EKM answered: status, body (which may hold plaintext, so the caller wipes it) and its
   * {@code Retry-After} in whole seconds (1 to 3600), 0 when it sent none or one of another form.
   */
  record Answer(int status, byte[] body, long retryAfterSeconds) {
    Answer(int status, byte[] body) {
      this(status, body, 0);
    }

    void wipe() {
      Wipe.bytes(body);
    }
  }

  /** {@code Retry-After} as whole seconds (1 to 3600), or 0 when absent or not a number. */
  static long retryAfter(java.net.http.HttpHeaders headers) {
    var seconds =
        io.ekms.common.http.RetryAfter.seconds(headers.firstValue("Retry-After").orElse(null));
    return seconds.isPresent() ? Math.max(1, seconds.getAsLong()) : 0;
  }

  /** {@code onShutdown} runs once, when the client has been shut down. */
  Transport(
      List<X509Certificate> trust, EkmClientConfig config, Executor executor, Runnable onShutdown) {
    this(trust, null, config, executor, onShutdown);
  }

  /** As above, presenting {@code identity} to servers that ask for a client certificate. */
  Transport(
      List<X509Certificate> trust,
      ClientIdentity identity,
      EkmClientConfig config,
      Executor executor,
      Runnable onShutdown) {
    SSLParameters tls = new SSLParameters();
    tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(
                identity == null
                    ? TrustBundle.sslContext(trust)
                    : TrustBundle.sslContext(trust, identity.key(), identity.chain()))
            .sslParameters(tls)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .executor(executor)
            .build();
    this.readTimeout = config.readTimeout();
    // The JDK enforces both timeouts on one timer queue, so a connection that never completes is
    // always a connect timeout; this wait only bounds an answer whose body trickles in.
    this.answerWait = readTimeout.plus(BODY_GRACE);
    this.onShutdown = onShutdown;
  }

  /** Takes a lease for one request; false once retired or closed (then take another transport). */
  boolean acquire() {
    int n;
    do {
      n = leases.get();
      if (n < 0 || retired) {
        return false;
      }
    } while (!leases.compareAndSet(n, n + 1));
    return true;
  }

  void release() {
    if (leases.decrementAndGet() == 0) {
      shutDownIfIdle();
    }
  }

  /** No new leases; the client shuts down when the last one is released. */
  void retire() {
    retired = true;
    shutDownIfIdle();
  }

  private void shutDownIfIdle() {
    if (retired && leases.compareAndSet(0, SHUT)) {
      shutDown();
    }
  }

  private void shutDown() {
    if (shut.compareAndSet(false, true)) {
      http.shutdownNow();
      onShutdown.run();
    }
  }

  /**
   * Sends {@code request} and reads an answer of at most {@code maxBody} bytes; a connect timeout
   * is retried once here when {@code retryConnectTimeout} (false when the caller has another node
   * to ask instead).
   */
  Answer send(HttpRequest request, int maxBody, boolean retryConnectTimeout)
      throws TransportFailure {
    try {
      return attempt(request, maxBody);
    } catch (TransportFailure failure) {
      if (failure.kind() != Kind.CONNECT_TIMEOUT || !retryConnectTimeout) {
        throw failure;
      }
      return attempt(request, maxBody);
    }
  }

  private Answer attempt(HttpRequest request, int maxBody) throws TransportFailure {
    HttpRequest timed =
        HttpRequest.newBuilder(request, (name, value) -> true).timeout(readTimeout).build();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(timed, BoundedBody.handler(maxBody));
    try {
      HttpResponse<byte[]> response = future.get(answerWait.toNanos(), TimeUnit.NANOSECONDS);
      return new Answer(response.statusCode(), response.body(), retryAfter(response.headers()));
    } catch (TimeoutException e) {
      abandon(future);
      throw timedOut(e);
    } catch (InterruptedException e) {
      abandon(future);
      Thread.currentThread().interrupt();
      throw new TransportFailure(Kind.INTERRUPTED, "interrupted while waiting for the answer", e);
    } catch (ExecutionException e) {
      TransportFailure failure = classify(e.getCause());
      throw failure.kind() == Kind.TIMED_OUT ? timedOut(e.getCause()) : failure;
    }
  }

  private TransportFailure timedOut(Throwable cause) {
    return new TransportFailure(
        Kind.TIMED_OUT, "no complete answer within " + readTimeout.toMillis() + " ms", cause);
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
    boolean clientRefused = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      root = t;
      tls |= t instanceof SSLException;
      clientRefused |= refusedOurCertificate(t);
      untrusted |= t instanceof CertPathBuilderException || t instanceof CertPathValidatorException;
      badCertificate |= t instanceof CertificateException;
    }
    String detail = describe(root);
    Kind kind;
    if (untrusted) {
      kind = Kind.TLS_UNTRUSTED;
    } else if (clientRefused) {
      kind = Kind.TLS_CLIENT_REFUSED;
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

  /**
   * True when {@code t} reports a fatal alert the peer sent about the client certificate: none
   * given where one is required, or one it does not accept (its CA, its dates, its form). The JDK
   * names the alert in the message, in the handshake or, with TLS 1.3, at the first read after it.
   */
  private static boolean refusedOurCertificate(Throwable t) {
    String m = t.getMessage();
    return m != null && CLIENT_REFUSED.matcher(m).find();
  }

  private static final java.util.regex.Pattern CLIENT_REFUSED =
      java.util.regex.Pattern.compile(
          "Received fatal alert: (certificate_required|bad_certificate|unknown_ca"
              + "|certificate_unknown|certificate_expired|certificate_revoked"
              + "|unsupported_certificate)");

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + t.getMessage();
    String text = t.getClass().getSimpleName() + message;
    return text.length() > 240 ? text.substring(0, 240) + "..." : text;
  }

  /** Shuts the client down now, aborting requests in flight. */
  @Override
  public void close() {
    retired = true;
    leases.set(SHUT);
    shutDown();
  }
}
