package io.statuskit.core;

import com.google.common.collect.ImmutableMap;
import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private static final OffsetDateTime T = OffsetDateTime.parse("2016-11-23T07:11:41Z");

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(String.class, "NC027")
        .setDefault(Body.class, Body.plain("text"))
        .setDefault(Location.class, Location.of("London", "GB"))
        .setDefault(Instant.class, Instant.EPOCH)
        .setDefault(OffsetDateTime.class, T)
        .setDefault(MaintenanceWindow.class, MaintenanceWindow.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
  }

  @Test
  void publicValueTypesRejectNullsWhereNullIsNotMeant() {
    NullPointerTester tester = tester();
    for (Class<?> type :
        new Class<?>[] {
          Tag.class, Category.class, Location.class, Body.class, MaintenanceWindow.class, Retirement.class,
          StatusChange.class, StatusInterval.class, Outage.class, IncidentUpdate.class, Page.class
        }) {
      tester.testAllPublicConstructors(type);
      tester.testAllPublicStaticMethods(type);
    }
    tester.testAllPublicInstanceMethods(Timeline.empty("NC027"));
    tester.testAllPublicInstanceMethods(StatusBoard.empty());
  }

  @Test
  void valueTypesHaveValueEquality() {
    new EqualsTester()
        .addEqualityGroup(Tag.of("DNS"), Tag.of("dns"), new Tag("Dns", "dns"))
        .addEqualityGroup(Tag.of("Mail server"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(Location.of("London", "GB"), new Location("London", "GB", "United Kingdom"))
        .addEqualityGroup(Location.of("London", "CA"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(Body.plain("x"), Body.plain("x"))
        .addEqualityGroup(Body.html("x"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(
            IncidentUpdate.of("u1", T, IncidentState.RESOLVED, Body.plain("ok")),
            IncidentUpdate.of("u1", T, IncidentState.RESOLVED, Body.plain("ok"), ImmutableMap.of()))
        .addEqualityGroup(IncidentUpdate.of("u2", T, IncidentState.RESOLVED, Body.plain("ok")))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(StatusBoard.empty(), StatusBoard.of(0, null, java.util.List.of(), java.util.List.of()))
        .testEquals();
  }
}
