package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.hash.Hashing;
import io.statuskit.core.Status;
import io.statuskit.monitor.internal.Durations;
import io.statuskit.probes.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A monitor's heartbeat (push) monitors: a cron job or batch task, or the host's HTTP route it
 * calls, reports {@link #ping} after each successful run, and may report {@link #start} when a run
 * begins and {@link #fail} when one fails. A server goes down when its ping is late by more than its
 * grace ({@link HeartbeatConfig}) or on a failure, and comes back on the next ping; each change
 * goes to the tracker as one health report with the monitor's incident policy, under the origin
 * {@code monitor:<id>}, as a probe target's does. The monitor checks deadlines on its scheduler
 * once started; {@link #check()} checks them now (for a test's manual clock, or a host's own
 * timer).
 *
 * <p>Thread-safe: pings may come from any thread.
 */
public final class Heartbeats {
  private final Monitor monitor;
  private final Clock clock;
  private final Map<String, Beat> beats;

  /** Compared against when an id has no secret, so that the answer takes as long. */
  private static final byte[] NO_SECRET = new byte[32];

  Heartbeats(Monitor monitor, List<HeartbeatConfig> configs, Clock clock) {
    this.monitor = monitor;
    this.clock = clock;
    Map<String, Beat> map = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (HeartbeatConfig c : configs) {
      checkArgument(!map.containsKey(c.serverId()), "heartbeats: server %s appears more than once", c.serverId());
      map.put(c.serverId(), new Beat(c, now));
    }
    this.beats = map;
  }

  /**
   * Whether {@code secret} is the secret of heartbeat {@code id}, for a host's HTTP route: false
   * for an unknown id, a heartbeat without a secret, or another secret, so that the route can
   * answer all three alike. The comparison takes the same time whatever the secret presented (the
   * SHA-256 digests are compared with {@link MessageDigest#isEqual}), and an unknown id costs the
   * same digest and comparison as a known one.
   */
  public boolean authenticates(String id, String secret) {
    requireNonNull(id, "id");
    requireNonNull(secret, "secret");
    Beat b = beats.get(id);
    byte[] expected = b == null || b.secretDigest == null ? NO_SECRET : b.secretDigest;
    boolean equal = MessageDigest.isEqual(expected, sha256(secret));
    return equal && b != null && b.secretDigest != null;
  }

  private static byte[] sha256(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asBytes();
  }

  /** The ids of the heartbeat monitors (their servers' ids). */
  public ImmutableSet<String> ids() {
    return ImmutableSet.copyOf(beats.keySet());
  }

  /**
   * A run finished well: the next ping is due one period from now, and a server that was down
   * comes back.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public void ping(String id) {
    Beat b = beat(id);
    synchronized (b) {
      Instant now = clock.instant();
      Instant startedAt = b.startedAt;
      b.lastPing = now;
      b.pinged = true;
      b.startedAt = null;
      if (b.hard != Outcome.UP) {
        String detail =
            startedAt == null
                ? "ping received"
                : "ping received after a run of " + Duration.between(startedAt, now).toSeconds() + "s";
        b.hard = Outcome.UP;
        monitor.report(id, b.config.name(), Outcome.UP, now, detail, now);
      }
    }
  }

  /**
   * A run began. It changes no status: a run that never pings is caught by its deadline.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public void start(String id) {
    Beat b = beat(id);
    synchronized (b) {
      b.startedAt = clock.instant();
    }
  }

  /**
   * A run failed: the server goes down now, and comes back on the next ping.
   *
   * @param message what the job says went wrong, or null
   * @throws IllegalArgumentException for an unknown id
   */
  public void fail(String id, @Nullable String message) {
    Beat b = beat(id);
    synchronized (b) {
      Instant now = clock.instant();
      b.startedAt = null;
      if (b.hard != Outcome.DOWN) {
        b.hard = Outcome.DOWN;
        monitor.report(
            id,
            b.config.name(),
            Outcome.DOWN,
            now,
            "the job reported a failure" + (message == null || message.isBlank() ? "" : ": " + message),
            now);
      }
    }
  }

  /**
   * Checks every deadline now: each server whose ping is late by more than its grace goes down,
   * from the time the ping was due.
   *
   * @return the ids that went down in this check
   */
  public ImmutableList<String> check() {
    List<String> down = new ArrayList<>();
    for (Beat b : beats.values()) {
      synchronized (b) {
        Instant now = clock.instant();
        Instant due = b.lastPing.plus(b.config.period());
        Instant deadline = due.plus(b.config.grace());
        if (now.isAfter(deadline) && b.hard != Outcome.DOWN) {
          b.hard = Outcome.DOWN;
          String detail =
              (b.pinged ? "no ping since " + b.lastPing : "no ping since monitoring began at " + b.lastPing)
                  + " (expected every "
                  + Durations.format(b.config.period())
                  + ", grace "
                  + Durations.format(b.config.grace())
                  + ")"
                  + (b.startedAt != null ? "; a run started at " + b.startedAt + " has not finished" : "");
          monitor.report(b.config.serverId(), b.config.name(), Outcome.DOWN, due, detail, now);
          down.add(b.config.serverId());
        }
      }
    }
    return ImmutableList.copyOf(down);
  }

  /** When a heartbeat's server goes down without another ping: its last ping plus period and grace. */
  public Instant deadline(String id) {
    Beat b = beat(id);
    synchronized (b) {
      return b.lastPing.plus(b.config.period()).plus(b.config.grace());
    }
  }

  /** The time of the last ping, or empty when none came since the monitor began. */
  public Optional<Instant> lastPing(String id) {
    Beat b = beat(id);
    synchronized (b) {
      return b.pinged ? Optional.of(b.lastPing) : Optional.empty();
    }
  }

  /** Time from now until the earliest deadline of a server not already down (a minute if none). */
  Duration untilNextDeadline() {
    Instant now = clock.instant();
    Duration next = Duration.ofMinutes(1);
    for (Beat b : beats.values()) {
      synchronized (b) {
        if (b.hard != Outcome.DOWN) {
          Duration d = Duration.between(now, b.lastPing.plus(b.config.period()).plus(b.config.grace()));
          if (d.compareTo(next) < 0) {
            next = d;
          }
        }
      }
    }
    return next;
  }

  /** Takes up the state the board holds for a heartbeat's server (after a restart). */
  void resume(String id, @Nullable Status observed) {
    Beat b = beat(id);
    synchronized (b) {
      if (observed == Status.MAJOR_OUTAGE) {
        b.hard = Outcome.DOWN;
      } else if (observed == Status.OPERATIONAL) {
        b.hard = Outcome.UP;
      }
    }
  }

  private Beat beat(String id) {
    Beat b = beats.get(requireNonNull(id, "id"));
    checkArgument(b != null, "id: no heartbeat monitor: %s", id);
    return b;
  }

  /** One heartbeat's state; guarded by its own lock. */
  private static final class Beat {
    final HeartbeatConfig config;
    final byte @Nullable [] secretDigest;
    Instant lastPing;
    boolean pinged;
    @Nullable Instant startedAt;
    Outcome hard = Outcome.UNSUPPORTED;

    Beat(HeartbeatConfig config, Instant begin) {
      this.config = config;
      String secret = config.secret();
      this.secretDigest = secret == null ? null : sha256(secret);
      this.lastPing = begin;
    }
  }
}
