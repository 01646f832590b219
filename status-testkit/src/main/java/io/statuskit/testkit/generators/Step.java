package io.statuskit.testkit.generators;

import io.statuskit.core.Impact;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.Status;

/**
 * One generated intention of a command script, made of small numbers that shrink well; {@link
 * ScriptBuilder} turns it into a command against its model of the board. Picks are taken modulo
 * the number of candidates, so any value is meaningful.
 */
sealed interface Step {
  /** Minutes after the previous command. */
  int gap();

  /** Add a new server. */
  record AddServer(int gap, int location, boolean internal) implements Step {}

  /** Observe a server in service. */
  record Observe(int gap, int server, Status status) implements Step {}

  /** Open an incident, maintenance or notice affecting up to two servers. */
  record Open(int gap, IncidentKind kind, int title, Impact impact, int firstServer, int servers, boolean declare, Status status)
      implements Step {}

  /** Move an open incident forward by 0 to 3 states, perhaps declaring a status. */
  record Advance(int gap, int incident, int forward, boolean declare, Status status) implements Step {}

  /** Add an addendum to a closed incident. */
  record Addendum(int gap, int incident) implements Step {}

  /** Retire a server in service, perhaps naming a replacement. */
  record Retire(int gap, int server, boolean replace, int replacement) implements Step {}

  /** Remove a server nothing names. */
  record Remove(int gap, int server) implements Step {}

  /** Change a server's role. */
  record Change(int gap, int server, int role) implements Step {}

  /** Move an open maintenance window. */
  record Reschedule(int gap, int incident, int shift) implements Step {}

  /** A command a correct tracker must reject. */
  record Mistake(int gap, Kind kind, int pick) implements Step {
    /** What is wrong with it. */
    enum Kind {
      UNKNOWN_SERVER,
      UNKNOWN_INCIDENT,
      BACKWARDS_TRANSITION,
      DUPLICATE_SERVER,
      DUPLICATE_INCIDENT,
      ADDENDUM_TO_OPEN,
      UPDATE_BEFORE_PREVIOUS,
      OBSERVE_RETIRED,
      REMOVE_NAMED,
      RETIRE_RETIRED,
      UNKNOWN_REPLACEMENT,
      REPLACES_ITSELF,
      RESCHEDULE_NOT_OPEN_MAINTENANCE,
      STATE_OF_OTHER_KIND,
      DECLARES_UNKNOWN_SERVER
    }
  }
}
