package io.statuskit.probes.internal;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;

/** A finding that ends a probe with a given outcome and error kind; not a bug. */
public final class ProbeFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final Outcome outcome;

  public ProbeFailure(ErrorKind kind, String message) {
    this(Outcome.DOWN, kind, message);
  }

  public ProbeFailure(Outcome outcome, ErrorKind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.outcome = outcome;
  }

  public ErrorKind kind() {
    return kind;
  }

  public Outcome outcome() {
    return outcome;
  }
}
