package io.ekms.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.testing.RawHttps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console spoken to below the browser: forms posted and pages read over HTTPS with a cookie.
 */
public final class ConsoleCalls {
  static final String COOKIE = "__Host-ekms-console";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private final RawHttps admin;
  private final String token;

  ConsoleCalls(ConsoleBed bed) {
    this(bed.admin, bed.adminToken);
  }

  /** Calls to the console of the admin listener {@code admin}, signing in with {@code token}. */
  ConsoleCalls(RawHttps admin, String token) {
    this.admin = admin;
    this.token = token;
  }

  RawHttps.Answer form(String path, String cookie, Map<String, String> fields) throws Exception {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    if (cookie != null) {
      headers.put("Cookie", COOKIE + "=" + cookie);
    }
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return admin.send("POST", path, headers, body.toString());
  }

  RawHttps.Answer page(String path, String cookie) throws Exception {
    return admin.send("GET", path, Map.of("Cookie", COOKIE + "=" + cookie), null);
  }

  /** Signs in with the token; the session cookie's value. */
  String signIn() throws Exception {
    RawHttps.Answer answer = form("/console/login", null, Map.of("token", token));
    assertThat(answer.status()).isEqualTo(303);
    String setCookie = answer.header("Set-Cookie");
    return setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
  }

  /** The CSRF token of the first form of {@code html}. */
  public static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a form with the CSRF token").isTrue();
    return m.group(1);
  }
}
