package io.ekms.bench;

import io.ekms.common.json.Json;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The PKCS#11 measurement, run by {@link Pkcs11Scenario} in a JVM of its own, since SoftHSM2 reads
 * {@code SOFTHSM2_CONF} from the environment when the library loads. Starts a loopback stack whose
 * EKM keeps new keys in the token, then at 1 and 4 threads measures the raw SunPKCS11 AES-GCM rate
 * and the EKM's encrypt and decrypt over HTTPS, and prints them as one JSON line after {@link
 * #MARK}.
 *
 * <p>Arguments: work directory, library, token label, slot id, PIN file, milliseconds per point.
 */
public final class Pkcs11Child {
  static final String MARK = "PKCS11-RESULT ";
  static final String FAILED = "PKCS11-FAILED ";
  static final int PLAINTEXT_BYTES = 32;
  static final String SOFTWARE_REFERENCE = "pkcs11-bed-sw-encrypt";

  /** What the child reports: the load points and the ratios to the raw provider. */
  record Output(List<Result> results, List<Comparison> comparisons) {}

  private Pkcs11Child() {}

  /** Measures and prints; on failure prints one line naming the cause after {@link #FAILED}. */
  public static void main(String[] args) {
    try {
      System.out.println(MARK + Json.writeString(measure(args)));
      System.exit(0);
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      System.out.println(FAILED + e + (root == e ? "" : "; caused by " + root));
      System.exit(1);
    }
  }

  private static Output measure(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String library = args[1];
    String label = args[2];
    String slot = args[3];
    Path pinFile = Path.of(args[4]);
    long millis = Long.parseLong(args[5]);
    Duration warm = Duration.ofMillis(millis / 3);
    Duration measure = Duration.ofMillis(millis);
    var section = new EkmConfig.Pkcs11(library, label, SecretRef.ofFile(pinFile), 0);
    List<Result> results = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    // New keys, the tenant's included, live in the token.
    try (LoopbackStack stack =
        LoopbackStack.builder(dir.resolve("bed"))
            .ekm(ekm -> ekm.pkcs11(section).defaultBackend("pkcs11"))
            .start()) {
      StackTenant tenant = StackTenant.provision(stack, "pkcs11", Bench.TENANCY, Bench.COMPARTMENT);
      Map<String, Operation> ops = EkmScenarios.of(stack, tenant, "pkcs11-ekm");
      // The same EKM and path with a software key: what HTTPS, the token check and audit cost
      // without the token, so the report can say where the gap to the raw rate comes from.
      String softwareKey = stack.ekmAdmin().createKey(tenant.ekmVaultId(), "software", "software");
      ops.put(
          SOFTWARE_REFERENCE,
          EkmScenarios.of(stack, tenant, softwareKey, "software").get("software-encrypt"));
      Provider provider = provider(dir, library, slot, pinFile);
      KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
      generator.init(256);
      SecretKey key = generator.generateKey();
      for (Operation op : ops.values()) {
        LoadGenerator.warm(op, 4, warm);
      }
      for (int threads : new int[] {1, 4}) {
        double raw =
            RawPkcs11Gcm.encryptsPerSecond(provider, key, threads, PLAINTEXT_BYTES, millis);
        for (var e : ops.entrySet()) {
          Result r = LoadGenerator.closedLoop(e.getKey(), e.getValue(), threads, warm, measure);
          results.add(r);
          if (e.getKey().equals(SOFTWARE_REFERENCE)) {
            continue;
          }
          comparisons.add(
              new Comparison(
                  e.getKey() + " vs raw SunPKCS11 AES-GCM, " + threads + " thread(s)",
                  true,
                  r.opsPerSecond(),
                  raw,
                  "ops/s",
                  Pkcs11Scenario.TARGET,
                  "SoftHSM2 token; 32-byte plaintext; one Cipher per thread for the raw rate"));
        }
      }
    }
    return new Output(results, comparisons);
  }

  private static Provider provider(Path dir, String library, String slot, Path pinFile)
      throws Exception {
    Path config = dir.resolve("sunpkcs11.cfg");
    Files.writeString(config, "name = bench\nlibrary = " + library + "\nslot = " + slot + "\n");
    Provider provider = Security.getProvider("SunPKCS11").configure(config.toString());
    KeyStore login = KeyStore.getInstance("PKCS11", provider);
    login.load(null, Files.readString(pinFile, StandardCharsets.UTF_8).trim().toCharArray());
    return provider;
  }
}
