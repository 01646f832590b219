package io.statuskit.testkit;

import com.google.common.testing.NullPointerTester;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Public methods of the testkit's root package refuse nulls where none is meant. */
class NullPointerTest {
  private final NullPointerTester tester =
      new NullPointerTester()
          .setDefault(Instant.class, ManualClock.DEFAULT_START)
          .setDefault(Duration.class, Duration.ZERO)
          .setDefault(StatusBoard.class, StatusBoard.empty())
          .setDefault(StatusEvent.class, NinerNetSample.events().get(0));

  @Test
  void manualClockRefusesNulls() {
    tester.testAllPublicStaticMethods(ManualClock.class);
    tester.testAllPublicInstanceMethods(ManualClock.create());
  }

  @Test
  void eventRecorderRefusesNulls() {
    tester.testAllPublicInstanceMethods(new EventRecorder());
    try (StatusTracker tracker = StatusTracker.inMemory(ManualClock.create())) {
      tester.setDefault(StatusTracker.class, tracker).testAllPublicStaticMethods(EventRecorder.class);
    }
  }

  @Test
  void ninerNetSampleRefusesNulls() {
    try (StatusTracker tracker = StatusTracker.inMemory(ManualClock.create())) {
      tester.setDefault(StatusTracker.class, tracker).testAllPublicStaticMethods(NinerNetSample.class);
    }
  }
}
