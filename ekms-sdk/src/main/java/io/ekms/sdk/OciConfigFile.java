package io.ekms.sdk;

import io.ekms.common.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads API keys from an OCI-style config file ({@code ~/.oci/config}): INI sections named by
 * profile, each with {@code user}, {@code fingerprint}, {@code key_file}, {@code tenancy} and
 * {@code region}. As in the OCI SDKs, a profile inherits every entry it lacks from {@code
 * [DEFAULT]}, {@code #} and {@code ;} start comments, and a {@code key_file} starting with {@code
 * ~/} is under the user's home; a relative one is relative to the config file. Encrypted private
 * keys ({@code pass_phrase}) are not supported.
 */
public final class OciConfigFile {
  /** The profile used when none is named. */
  public static final String DEFAULT_PROFILE = "DEFAULT";

  private static final long MAX_BYTES = 1 << 20;
  private static final List<String> REQUIRED =
      List.of("user", "fingerprint", "key_file", "tenancy");

  private OciConfigFile() {}

  /** One profile's entries, with {@code DEFAULT}'s filled in. */
  public record Profile(Path file, String name, Map<String, String> entries) {
    /** Copies the entries. */
    public Profile {
      entries = Map.copyOf(entries);
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
      return entries.get(key);
    }

    /** The profile's region, or null when it has none. */
    public String region() {
      return entries.get("region");
    }

    /** Loads the API key the profile names (reads {@code key_file}). */
    public ApiKey apiKey() throws IOException {
      if (entries.containsKey("pass_phrase")) {
        throw new IOException(
            "Profile " + name + " in " + file + ": encrypted keys (pass_phrase) are unsupported.");
      }
      PrivateKey key = Pem.privateKey(keyFile());
      return new ApiKey(get("tenancy"), get("user"), get("fingerprint"), key);
    }

    /** {@code key_file}, resolved. */
    public Path keyFile() {
      String value = get("key_file");
      if (value.startsWith("~/")) {
        return Path.of(System.getProperty("user.home")).resolve(value.substring(2));
      }
      Path path = Path.of(value);
      Path dir = file.toAbsolutePath().getParent();
      return path.isAbsolute() || dir == null ? path : dir.resolve(path);
    }
  }

  /** {@code $OCI_CONFIG_FILE} when set, else {@code ~/.oci/config}. */
  public static Path defaultFile() {
    String env = System.getenv("OCI_CONFIG_FILE");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".oci", "config");
  }

  /**
   * Reads {@code profile} from {@code file}.
   *
   * @throws IOException when the file cannot be read, is not a config file, lacks the profile or
   *     one of {@code user}, {@code fingerprint}, {@code key_file}, {@code tenancy}
   */
  public static Profile load(Path file, String profile) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(file + " is too large to be an OCI config file.");
    }
    Map<String, Map<String, String>> sections = parse(file);
    if (!sections.containsKey(profile)) {
      throw new IOException("Profile " + profile + " is not in " + file + ".");
    }
    Map<String, String> entries = new HashMap<>(sections.getOrDefault(DEFAULT_PROFILE, Map.of()));
    entries.putAll(sections.get(profile));
    for (String key : REQUIRED) {
      if (entries.get(key) == null || entries.get(key).isBlank()) {
        throw new IOException("Profile " + profile + " in " + file + " has no " + key + ".");
      }
    }
    return new Profile(file, profile, entries);
  }

  private static Map<String, Map<String, String>> parse(Path file) throws IOException {
    Map<String, Map<String, String>> sections = new HashMap<>();
    Map<String, String> current = null;
    int number = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current =
            sections.computeIfAbsent(
                line.substring(1, line.length() - 1).strip(), n -> new HashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || current == null) {
        throw new IOException(file + " line " + number + " is not 'key=value' inside a [profile].");
      }
      current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return sections;
  }
}
