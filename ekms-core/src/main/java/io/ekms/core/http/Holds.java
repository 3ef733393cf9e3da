package io.ekms.core.http;

import java.util.function.Function;

/**
 * Calls that wait for approval before they run (an admin API's quorum). The exchange asks it of
 * every admitted call, before the route runs, and hands it each route, to run a held call once it
 * is approved.
 */
public interface Holds {
  /** The answer that holds {@code request} for approval, or null to run it now. */
  Reply hold(Request request);

  /** Keeps how to run {@code operation}'s route on a replayed request. */
  void register(String operation, Function<Request, Reply> replay);
}
