/**
 * Feed writers (RSS 2.0, Atom 1.0, JSON Feed 1.1, iCalendar), their settings, archives and the
 * conditional-GET helper that serves any StatusKit document.
 */
@NullMarked
package io.statuskit.feeds;

import org.jspecify.annotations.NullMarked;
