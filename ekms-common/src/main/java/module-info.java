/** What the ekms SDK shares with the ekms servers; depends on the JDK and Jackson only. */
module io.ekms.common {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;

  exports io.ekms.common.config;
  exports io.ekms.common.http;
  exports io.ekms.common.json;
  exports io.ekms.common.secret;
  exports io.ekms.common.tls;
}
