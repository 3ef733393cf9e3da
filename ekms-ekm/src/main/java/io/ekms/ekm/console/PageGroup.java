package io.ekms.ekm.console;

import io.helidon.webserver.http.HttpRouting;

/** A group of console pages: what each has to work with, and its routes. */
abstract class PageGroup {
  protected final ConsoleGate gate;
  protected final ConsoleServices services;

  PageGroup(ConsoleGate gate, ConsoleServices services) {
    this.gate = gate;
    this.services = services;
  }

  abstract void routing(HttpRouting.Builder r);
}
