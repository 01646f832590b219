package io.statuskit.core.store.internal;

/** What is wrong with a journal file at an offset: corruption, a torn tail, or a newer format. */
final class FileProblem extends Exception {
  private static final long serialVersionUID = 1L;

  enum Kind {
    /** Damage that recovery must not skip silently. */
    CORRUPT,
    /** A partial last record of the last segment: an append the crash interrupted. */
    TORN,
    /** A format version this code does not read; never truncated. */
    UNSUPPORTED
  }

  final Kind kind;
  final long offset;
  final String detail;

  private FileProblem(Kind kind, long offset, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.offset = offset;
    this.detail = message;
  }

  static FileProblem corrupt(long offset, String message) {
    return new FileProblem(Kind.CORRUPT, offset, message);
  }

  static FileProblem torn(long offset, String message) {
    return new FileProblem(Kind.TORN, offset, message);
  }

  static FileProblem unsupported(String message) {
    return new FileProblem(Kind.UNSUPPORTED, 0, message);
  }
}
