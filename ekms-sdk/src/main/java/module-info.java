/**
 * The ekms Java SDK: a client for the KMS API with signed requests, envelope encryption of streams
 * and files, and a Google Tink {@code KmsClient} for {@code ekms://} key URIs. It depends on the
 * JDK and Jackson only (Tink when the application brings it) and forces no logging binding.
 */
module io.ekms.sdk {
  requires transitive io.ekms.common;
  requires transitive java.net.http;
  requires static transitive com.google.crypto.tink;

  exports io.ekms.sdk;
  exports io.ekms.sdk.model;
  exports io.ekms.sdk.envelope;
  exports io.ekms.sdk.tink;

  // Jackson binds the wire records by reflection.
  opens io.ekms.sdk to
      com.fasterxml.jackson.databind;
  opens io.ekms.sdk.model to
      com.fasterxml.jackson.databind;
}
