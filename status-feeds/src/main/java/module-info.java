/**
 * StatusKit feeds: streaming RSS 2.0, Atom 1.0 and JSON Feed 1.1 writers with RFC 5005 archives,
 * Statuspage v2 JSON (write and read), an iCalendar of maintenance, and conditional GET.
 */
module io.statuskit.feeds {
  requires transitive io.statuskit.core;
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;

  exports io.statuskit.feeds;
  exports io.statuskit.feeds.statuspage;
}
