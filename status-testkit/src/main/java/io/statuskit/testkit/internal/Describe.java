package io.statuskit.testkit.internal;

import io.statuskit.core.Command;
import io.statuskit.core.Incident;
import io.statuskit.core.Server;
import io.statuskit.core.StatusEvent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One-line descriptions of events and commands for failure messages and counterexamples; the
 * records' own {@code toString} prints whole incidents and bodies.
 */
public final class Describe {
  /** How many items a listing shows before it cuts off. */
  static final int MAX_LISTED = 60;

  private Describe() {}

  /** "#5 2016-11-23T07:09:00Z observed NC027 major_outage". */
  public static String event(StatusEvent event) {
    return "#" + event.sequence() + " " + event.at() + " " + what(event);
  }

  /** What an event did, without its sequence and time. */
  static String what(StatusEvent event) {
    if (event instanceof StatusEvent.ServerAdded) {
      return "server added " + server(((StatusEvent.ServerAdded) event).server());
    } else if (event instanceof StatusEvent.ServerChanged) {
      return "server changed " + server(((StatusEvent.ServerChanged) event).server());
    } else if (event instanceof StatusEvent.ServerRetired) {
      StatusEvent.ServerRetired retired = (StatusEvent.ServerRetired) event;
      return "server retired " + retired.serverId() + replaced(retired.replacedBy());
    } else if (event instanceof StatusEvent.ServerRemoved) {
      return "server removed " + ((StatusEvent.ServerRemoved) event).serverId();
    } else if (event instanceof StatusEvent.VantageForgotten forgotten) {
      return "probe location forgotten " + forgotten.vantage();
    } else if (event instanceof StatusEvent.StatusObserved) {
      StatusEvent.StatusObserved observed = (StatusEvent.StatusObserved) event;
      return "observed " + observed.serverId() + " " + observed.status().key() + detail(observed.detail());
    } else if (event instanceof StatusEvent.IncidentOpened) {
      return "opened " + incident(((StatusEvent.IncidentOpened) event).incident());
    } else if (event instanceof StatusEvent.IncidentUpdated) {
      StatusEvent.IncidentUpdated updated = (StatusEvent.IncidentUpdated) event;
      return (updated.update().addendum() ? "addendum to " : "updated ")
          + updated.incidentId()
          + " -> "
          + updated.update().state().key()
          + statuses(updated.update().statusChanges());
    } else if (event instanceof StatusEvent.MaintenanceRescheduled) {
      StatusEvent.MaintenanceRescheduled moved = (StatusEvent.MaintenanceRescheduled) event;
      return "rescheduled " + moved.incidentId() + " to [" + moved.window().start() + ", " + moved.window().end() + ")";
    } else if (event instanceof StatusEvent.HealthReported reported) {
      StringBuilder text =
          new StringBuilder("health of ")
              .append(reported.serverId())
              .append(' ')
              .append(reported.status().key())
              .append(" since ")
              .append(reported.observedAt())
              .append(" by ")
              .append(reported.origin())
              .append(detail(reported.detail()));
      if (reported.opened() != null) {
        text.append(", opened ").append(incident(reported.opened()));
      }
      if (reported.resolvedIncidentId() != null) {
        text.append(", resolved ").append(reported.resolvedIncidentId());
      }
      return text.toString();
    }
    return event.toString();
  }

  /** A numbered listing of events, one a line, cut off after {@link #MAX_LISTED}. */
  public static String events(List<? extends StatusEvent> events) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(events.size(), MAX_LISTED);
    for (int i = 0; i < shown; i++) {
      text.append("  ").append(event(events.get(i))).append('\n');
    }
    if (events.size() > shown) {
      text.append("  ... ").append(events.size() - shown).append(" more\n");
    }
    if (events.isEmpty()) {
      text.append("  (none)\n");
    }
    return text.toString();
  }

  /** "observe NC027 major_outage at 2016-11-23T07:09Z". */
  public static String command(Command command) {
    return what(command) + " at " + time(command.at());
  }

  private static String what(Command command) {
    if (command instanceof Command.AddServer) {
      return "add server " + server(((Command.AddServer) command).server());
    } else if (command instanceof Command.ChangeServer) {
      return "change server " + server(((Command.ChangeServer) command).server());
    } else if (command instanceof Command.RetireServer) {
      Command.RetireServer retire = (Command.RetireServer) command;
      return "retire " + retire.serverId() + replaced(retire.replacedBy());
    } else if (command instanceof Command.RemoveServer) {
      return "remove " + ((Command.RemoveServer) command).serverId();
    } else if (command instanceof Command.ForgetVantage forget) {
      return "forget probe location " + forget.vantage();
    } else if (command instanceof Command.ObserveStatus) {
      Command.ObserveStatus observe = (Command.ObserveStatus) command;
      return "observe " + observe.serverId() + " " + observe.status().key() + detail(observe.detail());
    } else if (command instanceof Command.OpenIncident) {
      Command.OpenIncident open = (Command.OpenIncident) command;
      return "open "
          + open.kind().key()
          + " "
          + (open.id() == null ? "" : open.id() + " ")
          + quote(open.title())
          + (open.state() == null ? "" : " as " + open.state().key())
          + (open.affected().isEmpty() ? "" : " affecting " + open.affected().keySet())
          + statuses(open.statusChanges())
          + (open.window() == null ? "" : " window [" + open.window().start() + ", " + open.window().end() + ")");
    } else if (command instanceof Command.PostUpdate) {
      Command.PostUpdate post = (Command.PostUpdate) command;
      return "update " + post.incidentId() + " -> " + post.state().key() + statuses(post.statusChanges());
    } else if (command instanceof Command.AddAddendum) {
      return "addendum to " + ((Command.AddAddendum) command).incidentId();
    } else if (command instanceof Command.RescheduleMaintenance) {
      Command.RescheduleMaintenance move = (Command.RescheduleMaintenance) command;
      return "reschedule " + move.incidentId() + " to [" + move.window().start() + ", " + move.window().end() + ")";
    }
    return command.toString();
  }

  /** "NC027: Mail server shut down" (incident 20161123-..., resolved). */
  public static String incident(Incident incident) {
    return incident.kind().key()
        + " "
        + incident.id()
        + " "
        + quote(incident.title())
        + " ("
        + incident.state().key()
        + (incident.affected().isEmpty() ? "" : ", affecting " + incident.affected().keySet())
        + ")";
  }

  private static String server(Server server) {
    StringBuilder text = new StringBuilder(server.id());
    if (server.location() != null) {
      text.append(" (").append(server.location()).append(')');
    }
    if (server.isRetired()) {
      text.append(" retired");
    }
    return text.toString();
  }

  private static String replaced(@Nullable String replacedBy) {
    return replacedBy == null ? "" : " (replaced by " + replacedBy + ")";
  }

  private static String detail(@Nullable String detail) {
    return detail == null ? "" : " " + quote(detail);
  }

  private static String statuses(Map<String, io.statuskit.core.Status> statuses) {
    if (statuses.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" declaring");
    statuses.forEach((id, status) -> text.append(' ').append(id).append('=').append(status.key()));
    return text.toString();
  }

  private static String time(@Nullable OffsetDateTime time) {
    return time == null ? "(clock)" : time.toInstant().toString();
  }

  /** A quoted text, cut to 60 chars. */
  static String quote(String text) {
    return text.length() > 60 ? "\"" + text.substring(0, 57) + "...\"" : "\"" + text + "\"";
  }
}
