import io.ekms.sdk.OciConfigFile;
import io.ekms.sdk.RequestSigner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Prints the headers that sign one KMS request with the SDK's RequestSigner, as wrk Lua lines
 * ({@code wrk.headers["date"] = "..."}), so wrk can replay it while its date is valid (5 minutes).
 * Run with the source launcher on the built jars: {@code java -cp 'ekms-cli/target/lib/*'
 * bench/SignedHeaders.java CONFIG PROFILE METHOD URL BODY_FILE}. Used by {@code bench/outside.sh
 * kms}.
 */
public class SignedHeaders {
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: SignedHeaders CONFIG PROFILE METHOD URL BODY_FILE");
      System.exit(2);
    }
    OciConfigFile.Profile profile = OciConfigFile.load(Path.of(args[0]), args[1]);
    RequestSigner signer = new RequestSigner(profile.apiKey(), Clock.systemUTC());
    byte[] body = Files.readAllBytes(Path.of(args[4]));
    Map<String, String> headers = signer.sign(args[2], URI.create(args[3]), body);
    headers.forEach(
        (name, value) ->
            System.out.println(
                "wrk.headers[\"" + name + "\"] = \"" + value.replace("\"", "\\\"") + "\""));
  }
}
