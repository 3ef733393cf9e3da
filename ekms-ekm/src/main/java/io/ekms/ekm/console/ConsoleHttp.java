package io.ekms.ekm.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console's HTTP plumbing: pages rendered from the precompiled templates, the headers every
 * page carries (a strict Content-Security-Policy with no inline script, no caching, no framing),
 * the session cookie, form bodies and redirects.
 */
final class ConsoleHttp {
  /** The session cookie; {@code __Host-} binds it to this origin, path {@code /}, Secure only. */
  static final String COOKIE = "__Host-ekms-console";

  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "io.ekms.ekm.console.templates");

  private ConsoleHttp() {}

  /** Renders {@code template} (a file under src/main/jte) with its one parameter {@code model}. */
  static void render(ServerResponse res, int status, String template, Object model) {
    StringOutput out = new StringOutput();
    TEMPLATES.render(template, model, out);
    secure(res);
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.send(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The headers every console answer carries. */
  static void secure(ServerResponse res) {
    res.header("Content-Security-Policy", CSP);
    res.header("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: browsers then send the real Origin on the console's own
    // posts (no-referrer makes it "null"), and still nothing to other sites.
    res.header("Referrer-Policy", "same-origin");
    res.header("X-Frame-Options", "DENY");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
  }

  /** 303 to {@code location}, a console path. */
  static void redirect(ServerResponse res, String location) {
    secure(res);
    res.status(Status.SEE_OTHER_303);
    res.header(HeaderNames.LOCATION, location);
    res.send();
  }

  /** The session cookie's value, or null. */
  static String cookie(ServerRequest req) {
    return req.headers().cookies().first(COOKIE).orElse(null);
  }

  static void setCookie(ServerResponse res, String value, Duration maxAge) {
    res.headers()
        .addCookie(
            SetCookie.builder(COOKIE, value)
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .maxAge(maxAge)
                .build());
  }

  static void clearCookie(ServerResponse res) {
    setCookie(res, "", Duration.ZERO);
  }

  /** The form a POST carries (the listener bounds its size). */
  static Parameters form(ServerRequest req) {
    boolean formBody =
        req.headers()
            .contentType()
            .map(t -> t.mediaType().text().equals("application/x-www-form-urlencoded"))
            .orElse(false);
    if (!formBody) {
      return Parameters.empty("form");
    }
    return req.content().as(Parameters.class);
  }

  /**
   * False when the browser says the request came from another site ({@code Sec-Fetch-Site}) or
   * names another origin: a second guard beside SameSite cookies and the CSRF token.
   */
  static boolean sameOrigin(ServerRequest req) {
    String site = req.headers().first(HeaderNames.create("Sec-Fetch-Site")).orElse(null);
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
    if (origin == null) {
      return true;
    }
    return origin.equals("https://" + req.authority());
  }
}
