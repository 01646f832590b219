package io.statuskit.feeds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void c0ControlsOtherThanTabAndLineBreaksAreDropped() {
    assertThat(Text.clean("a\u0000b\u0007c\td\ne\rf")).isEqualTo("abc\td\ne\rf");
  }

  @Test
  void delAndTheC1ControlsAreDropped() {
    assertThat(Text.clean("a\u007Fb\u0080c\u0085d\u009Fe\u00A0f")).isEqualTo("abcde\u00A0f");
  }

  @Test
  void everyNoncharacterIsDroppedInEveryPlane() {
    assertThat(Text.clean("a\uFDD0b\uFDEFc\uFFFEd\uFFFFe")).isEqualTo("abcde");
    String plane1 = new StringBuilder("x").appendCodePoint(0x1FFFE).appendCodePoint(0x1FFFF).append('y').toString();
    String plane16 = new StringBuilder("x").appendCodePoint(0x10FFFE).appendCodePoint(0x10FFFF).append('y').toString();
    assertThat(Text.clean(plane1)).isEqualTo("xy");
    assertThat(Text.clean(plane16)).isEqualTo("xy");
    assertThat(Text.clean("\uFDCF\uFDF0")).isEqualTo("\uFDCF\uFDF0");
  }

  @Test
  void loneSurrogatesAreDroppedAndPairsKept() {
    assertThat(Text.clean("a\ud800b\udc00c🚀")).isEqualTo("abc🚀");
  }

  @Test
  void theCharArrayFormAgreesWithTheStringForm() {
    String s = "x\u0085\uFDD0\ud800🚀\u0001y";
    char[] out = new char[s.length()];
    assertThat(new String(out, 0, Text.clean(s, out))).isEqualTo(Text.clean(s)).isEqualTo("x🚀y");
    assertThat(Text.needsCleaning("plain 🚀 text")).isFalse();
    assertThat(Text.needsCleaning("c1\u0085")).isTrue();
  }
}
