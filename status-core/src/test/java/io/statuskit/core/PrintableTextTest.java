package io.statuskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Command.OpenIncident;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Commands refuse texts with characters a reader would choke on; kept events still read back. */
class PrintableTextTest {
  @Test
  void aTitleWithALoneSurrogateIsRefusedAndTheMessageDoesNotEchoIt() {
    assertThatThrownBy(() -> OpenIncident.incident("NC027 \ud800 down").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incident.title must not contain a lone surrogate: U+D800 at index 6")
        .hasMessageContaining("\\uD800")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\ud800"));
  }

  @Test
  void nulAndC1ControlsAndNoncharactersInTitlesAreRefused() {
    assertThatThrownBy(() -> OpenIncident.incident("a\u0000b").build()).hasMessageContaining("a control character: U+0000");
    assertThatThrownBy(() -> OpenIncident.incident("a\u0085b").build()).hasMessageContaining("a control character: U+0085");
    assertThatThrownBy(() -> OpenIncident.incident("a\u007Fb").build()).hasMessageContaining("U+007F");
    assertThatThrownBy(() -> OpenIncident.incident("a\uFDD0b").build()).hasMessageContaining("a Unicode noncharacter: U+FDD0");
    assertThatThrownBy(() -> OpenIncident.incident("a\uD83F\uDFFEb").build()).hasMessageContaining("U+1FFFE");
    assertThatThrownBy(() -> OpenIncident.incident("tab\there").build()).hasMessageContaining("U+0009");
  }

  @Test
  void bodiesMayHoldLineBreaksAndTabsButNoOtherControls() {
    assertThat(OpenIncident.incident("ok").body("line one\n\tline two\r\n").build().body().text()).contains("\t");
    assertThatThrownBy(() -> OpenIncident.incident("ok").body("bell\u0007").build())
        .hasMessageContaining("body must not contain a control character: U+0007");
  }

  @Test
  void serverTextsInAddServerAreChecked() {
    assertThatThrownBy(() -> new Command.AddServer(Server.builder("NC027").name("Mail\u0000").build(), null))
        .hasMessageContaining("server.name must not contain a control character");
  }

  @Test
  void emojiAndOtherLettersOutsideTheBasicPlaneAreFine() {
    assertThat(OpenIncident.incident("NC027 🚀 Ünïcode 中文").build().title()).isEqualTo("NC027 🚀 Ünïcode 中文");
  }

  @Test
  void aKeptEventWithAControlCharacterStillReplays() {
    // written before the rule: the model's records accept it, only commands refuse it
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    StatusBoard board =
        StatusBoard.empty().apply(new StatusEvent.ServerAdded(1, t, Server.builder("NC027").name("Mail\u0085server").build()));
    assertThat(board.server("NC027").orElseThrow().name()).isEqualTo("Mail\u0085server");
    try (StatusTracker tracker = StatusTracker.inMemory(Clock.fixed(t, ZoneOffset.UTC))) {
      assertThatThrownBy(() -> tracker.addServer(Server.builder("NC027").name("Mail\u0085server").build()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(tracker.board().version()).isZero();
    }
  }
}
