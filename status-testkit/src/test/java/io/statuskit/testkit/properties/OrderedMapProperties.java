package io.statuskit.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.internal.OrderedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/** The persistent maps behave as a LinkedHashMap copied at each step would. */
class OrderedMapProperties {
  /** A key whose hash is chosen, so that hashes collide in part or in whole. */
  record Key(int hash, int name) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Key && ((Key) other).name == name && ((Key) other).hash == hash;
    }
  }

  record Op(boolean remove, Key key, int value, int version) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Key> keys =
        Combinators.combine(
                Arbitraries.oneOf(
                    Arbitraries.integers().between(0, 3),
                    Arbitraries.of(0, 32, 1024, 1 << 20, 1 << 30, -1, 65536),
                    Arbitraries.integers()),
                Arbitraries.integers().between(0, 5))
            .as(Key::new);
    return Combinators.combine(
            Arbitraries.integers().between(0, 9).map(n -> n < 2),
            keys,
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 9))
        .as(Op::new)
        .list()
        .ofMaxSize(200);
  }

  @Property
  void everyVersionHoldsWhatACopiedLinkedHashMapHolds(@ForAll("ops") List<Op> ops) {
    List<OrderedMap<Key, Integer>> versions = new ArrayList<>();
    List<Map<Key, Integer>> expected = new ArrayList<>();
    versions.add(OrderedMap.empty());
    expected.add(new LinkedHashMap<>());
    for (Op op : ops) {
      // Mostly the latest version, sometimes an older one (which must then copy its order).
      int from = op.version() < 8 ? versions.size() - 1 : versions.size() / 2;
      Map<Key, Integer> map = new LinkedHashMap<>(expected.get(from));
      OrderedMap<Key, Integer> next;
      if (op.remove()) {
        map.remove(op.key());
        next = versions.get(from).remove(op.key());
      } else {
        map.put(op.key(), op.value());
        next = versions.get(from).put(op.key(), op.value());
      }
      versions.add(next);
      expected.add(map);
    }
    for (int i = 0; i < versions.size(); i++) {
      OrderedMap<Key, Integer> version = versions.get(i);
      Map<Key, Integer> map = expected.get(i);
      Map<Key, Integer> seen = new LinkedHashMap<>();
      version.forEach(seen::put);
      assertThat(seen).containsExactlyEntriesOf(map);
      assertThat(version).containsExactlyElementsOf(map.values());
      assertThat(version.size()).isEqualTo(map.size());
      assertThat(version.mapHashCode()).isEqualTo(map.hashCode());
      for (Op op : ops) {
        assertThat(version.get(op.key())).isEqualTo(map.get(op.key()));
        assertThat(version.containsKey(op.key())).isEqualTo(map.containsKey(op.key()));
      }
    }
  }

  @Property
  void sameEntriesIgnoresOrder(@ForAll("ops") List<Op> ops) {
    OrderedMap<Key, Integer> forward = OrderedMap.empty();
    Map<Key, Integer> map = new LinkedHashMap<>();
    for (Op op : ops) {
      map.put(op.key(), op.value());
    }
    for (Map.Entry<Key, Integer> entry : map.entrySet()) {
      forward = forward.put(entry.getKey(), entry.getValue());
    }
    List<Map.Entry<Key, Integer>> entries = new ArrayList<>(map.entrySet());
    OrderedMap<Key, Integer> backward = OrderedMap.empty();
    for (int i = entries.size() - 1; i >= 0; i--) {
      backward = backward.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    assertThat(forward.sameEntries(backward)).isTrue();
    if (!entries.isEmpty()) {
      Key first = entries.get(0).getKey();
      assertThat(forward.sameEntries(backward.put(first, entries.get(0).getValue() + 1))).isFalse();
      assertThat(forward.sameEntries(backward.remove(first))).isFalse();
    }
  }
}
