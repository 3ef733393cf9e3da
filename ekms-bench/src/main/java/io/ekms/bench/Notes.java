package io.ekms.bench;

import java.util.List;

/** What the report says about how every run was measured. */
final class Notes {
  static final List<String> METHOD =
      List.of(
          "KMS end to end (application → KMS → EKM): requests are signed with the SDK's"
              + " RequestSigner (RSA-2048, OCI API key) and the signed headers are reused while"
              + " their date is valid (re-signed every 60 s; the KMS accepts 5 minutes), so the"
              + " two cores measure the servers, not the client's RSA; kms-decrypt-fresh-sig signs"
              + " every request anew.",
          "XKS: requests are SigV4-signed by the client and the signature reused within the"
              + " 5-minute window (re-signed every 60 s); the EKM verifies and accepts every"
              + " request (errors column).",
          "Like with like: ekms and the peer (Apache Hadoop KMS 3.4.3, JCEKS keystore, simple"
              + " authentication with user.name) are both measured over TLS on loopback, with"
              + " the same HTTP/1.1 keep-alive client and load generator. The EKM checks a"
              + " bearer JWT and the KMS an RSA signature on every request; the peer trusts"
              + " the user.name parameter (no token or signature to verify). Hadoop serves generate as a GET (not a POST), from a server-side cache of pre-generated"
              + " encrypted keys.",
          "Ratios: x ceil is throughput over the ceiling at the same concurrency (two hops for"
              + " the KMS end to end, one for the rest); x peer is over the peer's decrypt for"
              + " decrypts and over its generate for encrypt and generate DEK.",
          "PKCS#11: the raw rate is SunPKCS11 AES-GCM on the same SoftHSM2 token in the same"
              + " JVM, no HTTPS; the EKM's rate includes HTTPS, the token check and the audit"
              + " record. pkcs11-bed-sw-encrypt is the same EKM with a software key at the"
              + " same concurrency: how much of the gap is the HTTPS path rather than the token.",
          "Open loop: runs at fixed arrival rates, shares of the scenario's best closed-loop"
              + " rate (half and four fifths in a full run, a quarter of it and at most 500/s"
              + " with --quick), latency measured from the intended"
              + " send time; at most "
              + LoadGenerator.OPEN_LOOP_CONNECTIONS
              + " requests in flight (a fixed connection pool), and an arrival's wait for a free"
              + " connection counts in its latency. The open loop is sent by the in-JVM"
              + " generator, which cannot send as fast as wrk: when wrk drives the closed loop,"
              + " the shares are of the lower of wrk's best rate and the in-JVM generator's own"
              + " closed-loop rate at "
              + LoadGenerator.OPEN_LOOP_CONNECTIONS
              + " callers, measured just before (printed, not charted).");

  private Notes() {}
}
