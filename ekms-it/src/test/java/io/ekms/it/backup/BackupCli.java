package io.ekms.it.backup;

import io.ekms.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The real {@code ekms} command line run in-process, with its output and exit code. */
record BackupCli(int code, String out, String err) {
  static BackupCli run(String... args) {
    return withStdin("", args);
  }

  /** Runs with {@code stdin} as standard input (for shares). */
  static BackupCli withStdin(String stdin, String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)));
    try {
      return new BackupCli(cli.execute(args), out.toString(), err.toString());
    } finally {
      System.setIn(original);
    }
  }
}
