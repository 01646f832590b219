package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link Monitor} watches: the servers and their probes, as loaded by {@link
 * MonitorConfigLoader} or built in code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param targets the servers, each id at most once
 */
public record MonitorConfig(ImmutableList<TargetConfig> targets) {
  /** Validates every part. */
  public MonitorConfig {
    requireNonNull(targets, "targets");
    Set<String> ids = new HashSet<>();
    for (TargetConfig t : targets) {
      checkArgument(ids.add(t.serverId()), "servers: id %s appears more than once", t.serverId());
    }
  }

  /** A config of these targets. */
  public static MonitorConfig of(List<TargetConfig> targets) {
    return new MonitorConfig(ImmutableList.copyOf(targets));
  }
}
