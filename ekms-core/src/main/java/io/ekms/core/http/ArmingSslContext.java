package io.ekms.core.http;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised {@link SSLContext} that runs a callback whenever an engine is made for a peer,
 * which Helidon does on each accepted connection's own thread before the TLS handshake. Everything
 * else is the wrapped context's.
 */
final class ArmingSslContext extends SSLContextSpi {
  private final SSLContext delegate;
  private final Runnable onPeerEngine;

  private ArmingSslContext(SSLContext delegate, Runnable onPeerEngine) {
    this.delegate = delegate;
    this.onPeerEngine = onPeerEngine;
  }

  static SSLContext of(SSLContext delegate, Runnable onPeerEngine) {
    return new SSLContext(
        new ArmingSslContext(delegate, onPeerEngine),
        delegate.getProvider(),
        delegate.getProtocol()) {};
  }

  @Override
  protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
    throw new IllegalStateException("the wrapped context is already initialised");
  }

  @Override
  protected SSLEngine engineCreateSSLEngine(String peerHost, int peerPort) {
    onPeerEngine.run();
    return delegate.createSSLEngine(peerHost, peerPort);
  }

  @Override
  protected SSLEngine engineCreateSSLEngine() {
    return delegate.createSSLEngine();
  }

  @Override
  protected SSLSocketFactory engineGetSocketFactory() {
    return delegate.getSocketFactory();
  }

  @Override
  protected SSLServerSocketFactory engineGetServerSocketFactory() {
    return delegate.getServerSocketFactory();
  }

  @Override
  protected SSLSessionContext engineGetServerSessionContext() {
    return delegate.getServerSessionContext();
  }

  @Override
  protected SSLSessionContext engineGetClientSessionContext() {
    return delegate.getClientSessionContext();
  }

  @Override
  protected SSLParameters engineGetDefaultSSLParameters() {
    return delegate.getDefaultSSLParameters();
  }

  @Override
  protected SSLParameters engineGetSupportedSSLParameters() {
    return delegate.getSupportedSSLParameters();
  }
}
