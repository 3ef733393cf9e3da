package io.ekms.ekm.policy;

import com.google.protobuf.Timestamp;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.ekms.ekm.domain.policy.Policy;
import io.ekms.ekm.domain.policy.PolicyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Policy conditions in Google's Common Expression Language: the variables a condition may use
 * (docs/policies.md), compiled and type-checked to a boolean when a policy is saved, evaluated on
 * every request. CEL has no loops or recursion beyond its bounded macros, so a condition always
 * ends; comprehensions are capped at {@value #MAX_ITERATIONS} iterations anyway.
 */
public final class PolicyLanguage {
  static final int MAX_ITERATIONS = 1000;

  private static final CelOptions OPTIONS =
      CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS).build();

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("protocol", SimpleType.STRING)
          .addVar("operation", SimpleType.STRING)
          .addVar("caller", SimpleType.STRING)
          .addVar("reason", SimpleType.STRING)
          .addVar("kmsRequestId", SimpleType.STRING)
          .addVar("vault", SimpleType.STRING)
          .addVar("key", SimpleType.STRING)
          .addVar("version", SimpleType.STRING)
          .addVar("keyStore", SimpleType.STRING)
          .addVar("source", SimpleType.STRING)
          .addVar("time", SimpleType.TIMESTAMP)
          .setResultType(SimpleType.BOOL)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

  private PolicyLanguage() {}

  /** One problem of a refused condition, at a 1-based line and column. */
  public record Problem(int line, int column, String message) {
    @Override
    public String toString() {
      return "line " + line + ", column " + column + ": " + message;
    }
  }

  /** A condition that does not compile, or is not a boolean; the problems say where. */
  public static final class InvalidConditionException extends Exception {
    private final transient List<Problem> problems;

    InvalidConditionException(List<Problem> problems) {
      super(String.join("; ", problems.stream().map(Problem::toString).toList()));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** A compiled condition, safe to share between threads. */
  public static final class Condition {
    private final CelRuntime.Program program;
    private final boolean readsReason;

    private Condition(CelRuntime.Program program, boolean readsReason) {
      this.program = program;
      this.readsReason = readsReason;
    }

    /** True when the condition reads the {@code reason} variable. */
    public boolean readsReason() {
      return readsReason;
    }

    /**
     * The condition's value for {@code input}.
     *
     * @throws IllegalStateException when it cannot be evaluated (an overflow, a bad time zone)
     */
    public boolean test(PolicyInput input) {
      try {
        return Boolean.TRUE.equals(program.eval(name -> variable(input, name)));
      } catch (CelEvaluationException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  /** Compiles and type-checks {@code text}. */
  public static Condition compile(String text) throws InvalidConditionException {
    if (text == null || text.isBlank()) {
      throw new InvalidConditionException(List.of(new Problem(1, 1, "the condition is empty")));
    }
    if (text.length() > Policy.MAX_EXPRESSION_CHARS) {
      throw new InvalidConditionException(
          List.of(
              new Problem(
                  1, 1, "the condition is longer than " + Policy.MAX_EXPRESSION_CHARS + " chars")));
    }
    CelValidationResult result = COMPILER.compile(text);
    if (result.hasError()) {
      List<Problem> problems = new ArrayList<>();
      for (CelIssue issue : result.getErrors()) {
        var at = issue.getSourceLocation();
        problems.add(
            new Problem(Math.max(1, at.getLine()), at.getColumn() + 1, issue.getMessage()));
      }
      throw new InvalidConditionException(problems);
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      boolean readsReason =
          ast.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("reason"));
      return new Condition(RUNTIME.createProgram(ast), readsReason);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new InvalidConditionException(List.of(new Problem(1, 1, e.getMessage())));
    }
  }

  /** One variable of {@code in}, read only when the condition reaches it. */
  private static Optional<Object> variable(PolicyInput in, String name) {
    Object v =
        switch (name) {
          case "protocol" -> in.protocol();
          case "operation" -> in.operation();
          case "caller" -> in.caller();
          case "reason" -> in.reason();
          case "kmsRequestId" -> in.kmsRequestId();
          case "vault" -> in.vault();
          case "key" -> in.key();
          case "version" -> in.version();
          case "keyStore" -> in.keyStore();
          case "source" -> in.source();
          case "time" ->
              Timestamp.newBuilder()
                  .setSeconds(in.time().getEpochSecond())
                  .setNanos(in.time().getNano())
                  .build();
          default -> null;
        };
    return Optional.ofNullable(v);
  }
}
