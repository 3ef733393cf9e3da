package io.ekms.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ekms ekm request ...} and {@code ekms kms request ...}: calls held for approval by the
 * quorum, approving and rejecting them.
 */
final class HeldRequestCommands {
  private HeldRequestCommands() {}

  private static final String REQUESTS = "/admin/v1/requests";

  @Command(
      name = "request",
      description = "Calls held for other administrators' approval (the quorum).",
      subcommands = {ListAll.class, Get.class, Approve.class, Reject.class})
  static final class Ekm extends AdministratorCommands.EkmServer {}

  @Command(
      name = "request",
      description = "Calls held for other administrators' approval (the quorum).",
      subcommands = {ListAll.class, Get.class, Approve.class, Reject.class})
  static final class Kms extends AdministratorCommands.KmsServer {}

  @Command(name = "list", description = "The newest held requests and where they stand.")
  static final class ListAll extends AdministratorCommands.AdminVerb {
    String method() {
      return "GET";
    }

    String path() {
      return REQUESTS;
    }
  }

  @Command(name = "get", description = "One held request: what it does, who asked and approved.")
  static final class Get extends AdministratorCommands.AdminVerb {
    @Parameters(index = "0", paramLabel = "REQUEST_ID")
    String id;

    String method() {
      return "GET";
    }

    String path() {
      return REQUESTS + "/" + Paths.segment(id);
    }
  }

  @Command(
      name = "approve",
      description = "Approve a held request; the last approval runs it and prints its answer.")
  static final class Approve extends AdministratorCommands.AdminVerb {
    @Parameters(index = "0", paramLabel = "REQUEST_ID")
    String id;

    String method() {
      return "POST";
    }

    String path() {
      return REQUESTS + "/" + Paths.segment(id) + "/approve";
    }

    @Override
    Object body() {
      return java.util.Map.of();
    }
  }

  @Command(name = "reject", description = "Turn a held request down; it never runs.")
  static final class Reject extends AdministratorCommands.AdminVerb {
    @Parameters(index = "0", paramLabel = "REQUEST_ID")
    String id;

    String method() {
      return "POST";
    }

    String path() {
      return REQUESTS + "/" + Paths.segment(id) + "/reject";
    }

    @Override
    Object body() {
      return java.util.Map.of();
    }
  }
}
