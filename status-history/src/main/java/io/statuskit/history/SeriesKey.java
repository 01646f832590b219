package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One series of rollups: the results of one server as probed from one location.
 *
 * @param serverId the server's id, as on the board ({@code NC027})
 * @param location the probing location's name ({@code ams}); any non-blank text
 */
public record SeriesKey(String serverId, String location) {
  /** Checks both parts. */
  public SeriesKey {
    checkArgument(!serverId.isBlank(), "serverId must not be blank: \"%s\"", serverId);
    checkArgument(!location.isBlank(), "location must not be blank: \"%s\"", location);
  }

  /** The series of this server from this location. */
  public static SeriesKey of(String serverId, String location) {
    return new SeriesKey(serverId, location);
  }
}
