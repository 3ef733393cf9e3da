package io.ekms.cli.conformance;

import picocli.CommandLine.Command;

/** {@code ekms conformance ...}: check any external key manager against one protocol. */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description =
        "Check an external key manager (ekms's or a vendor's) against the OCI EKM API, AWS XKS or"
            + " Google Cloud EKM: every operation, the error table, token or signature attacks,"
            + " AAD binding, bounds, a disable (with hooks) and latency. Prints a table; writes JSON"
            + " and JUnit XML on request. Exit 0 when it conforms, 1 when a check failed. Options"
            + " can come from a file: ekms conformance xks @xks.args.",
    subcommands = {OciEkmConformance.class, XksConformance.class, GcpEkmConformance.class})
public final class ConformanceCommand {}
