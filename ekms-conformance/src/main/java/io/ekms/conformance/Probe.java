package io.ekms.conformance;

/** One real call of a protocol (an encrypt, a wrap) that the generic checks repeat and judge. */
@FunctionalInterface
public interface Probe {
  Answer call() throws Exception;
}
