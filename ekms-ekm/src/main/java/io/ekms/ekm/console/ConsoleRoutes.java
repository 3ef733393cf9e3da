package io.ekms.ekm.console;

import io.ekms.core.audit.Refusals;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The key manager's console under {@code /console} on the admin listener: server-rendered pages
 * over the admin services, its stylesheet and script served from the jar (nothing fetched at run
 * time, so it works air-gapped).
 */
public final class ConsoleRoutes {
  private final ConsoleGate gate;
  private final ConsoleServices services;
  private final Refusals refusals;
  private final ConsoleSessions sessions;
  private final java.time.Clock clock;

  public ConsoleRoutes(
      ConsoleSessions sessions,
      ConsoleServices services,
      Refusals refusals,
      java.time.Clock clock) {
    this.gate = new ConsoleGate(sessions, refusals);
    this.services = services;
    this.refusals = refusals;
    this.sessions = sessions;
    this.clock = clock;
  }

  public void routing(HttpRouting.Builder r) {
    r.register(
        "/console/static",
        StaticContentFeature.createService(ClasspathHandlerConfig.create("console/static")));
    new LoginPages(gate, refusals).routing(r);
    new OverviewPages(gate, services).routing(r);
    new VaultPages(gate, services).routing(r);
    new KeyPages(gate, services).routing(r);
    new ConfirmPages(gate, services).routing(r);
    new IssuerPages(gate, services).routing(r);
    new XksPages(gate, services).routing(r);
    new AuditPages(gate, services.auditLog()).routing(r);
    new PolicyPages(gate, services).routing(r);
    if (sessions.access().quorum() != null) {
      new RequestPages(gate, services, sessions.access().quorum(), clock).routing(r);
    }
  }
}
