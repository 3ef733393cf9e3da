package io.ekms.bench;

import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer, Apache Hadoop KMS 3.4.3, in a JVM of its own on loopback over HTTPS (a certificate from
 * the bench's CA in a PKCS#12 keystore), with a JCEKS key provider and simple authentication. Its
 * classpath comes from {@code ekms-bench/peer/pom.xml}, which is not part of the product's build,
 * resolved once with {@code mvn dependency:build-classpath} and kept in {@code
 * peer/target/classpath.txt}.
 */
final class HadoopKmsProcess implements AutoCloseable {
  /** What Hadoop's libraries reach into on JDK 17 and later. */
  private static final List<String> JVM_FLAGS =
      List.of(
          "-Xmx512m",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--enable-native-access=ALL-UNNAMED");

  final int port;
  final Path log;
  private final Process process;

  HadoopKmsProcess(Path peerPom, Path dir, LocalCa ca) throws Exception {
    String classpath = classpath(peerPom);
    Path conf = Files.createDirectories(dir.resolve("conf"));
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String password = HexFormat.of().formatHex(randomBytes(12));
    Path keystore = conf.resolve("tls.p12");
    writeKeystore(
        ca.issueServer("peer", List.of("localhost"), List.of("127.0.0.1")), keystore, password);
    site(
        conf.resolve("kms-site.xml"),
        "hadoop.kms.http.host",
        "127.0.0.1",
        "hadoop.kms.http.port",
        Integer.toString(port),
        "hadoop.kms.ssl.enabled",
        "true",
        "hadoop.kms.authentication.type",
        "simple",
        "hadoop.kms.key.authorization.enable",
        "false",
        "hadoop.kms.key.provider.uri",
        "jceks://file@" + conf.resolve("kms.jceks"),
        "hadoop.http.temp.dir",
        dir.resolve("tmp").toString());
    site(
        conf.resolve("ssl-server.xml"),
        "ssl.server.keystore.location",
        keystore.toString(),
        "ssl.server.keystore.password",
        password,
        "ssl.server.keystore.keypassword",
        password,
        "ssl.server.keystore.type",
        "pkcs12");
    site(conf.resolve("core-site.xml"));
    site(conf.resolve("kms-acls.xml"));
    Files.writeString(
        conf.resolve("kms-log4j.properties"),
        String.join(
            "\n",
            "log4j.rootLogger=WARN, err",
            "log4j.appender.err=org.apache.log4j.ConsoleAppender",
            "log4j.appender.err.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.err.layout.ConversionPattern=%d %p %c: %m%n",
            "log4j.logger.kms-audit=OFF",
            ""));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-Dkms.config.dir=" + conf);
    command.add("-Dlog4j.configuration=file:" + conf.resolve("kms-log4j.properties"));
    command.add("-Dhadoop.log.dir=" + dir.resolve("log"));
    command.addAll(List.of("-cp", conf + java.io.File.pathSeparator + classpath));
    command.add("org.apache.hadoop.crypto.key.kms.server.KMSWebServer");
    log = dir.resolve("peer.log");
    process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  String baseUrl() {
    return "https://127.0.0.1:" + port + "/kms/v1";
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The peer's classpath, resolved on first use. */
  static String classpath(Path peerPom) throws IOException, InterruptedException {
    Path file = peerPom.resolveSibling("target").resolve("classpath.txt");
    if (!Files.isRegularFile(file)) {
      Files.createDirectories(file.getParent());
      // Offline first (the dependencies are usually cached); then let Maven fetch them.
      if (!mvn(peerPom, file, true) && !mvn(peerPom, file, false)) {
        throw new IOException(
            "mvn dependency:build-classpath failed for " + peerPom + " (is Maven installed?)");
      }
    }
    return Files.readString(file).strip();
  }

  private static boolean mvn(Path pom, Path out, boolean offline)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B"));
    if (offline) {
      command.add("-o");
    }
    command.addAll(
        List.of("-f", pom.toString(), "dependency:build-classpath", "-Dmdep.outputFile=" + out));
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.isRegularFile(out);
  }

  private static void writeKeystore(ServerIdentity id, Path file, String password)
      throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "kms", id.privateKey(), password.toCharArray(), id.chain().toArray(new Certificate[0]));
    try (var out = Files.newOutputStream(file)) {
      ks.store(out, password.toCharArray());
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** A Hadoop configuration file of {@code name, value} pairs. */
  private static void site(Path file, String... pairs) throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    for (int i = 0; i < pairs.length; i += 2) {
      xml.append("  <property><name>")
          .append(pairs[i])
          .append("</name><value>")
          .append(pairs[i + 1])
          .append("</value></property>\n");
    }
    Files.writeString(file, xml.append("</configuration>\n"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
