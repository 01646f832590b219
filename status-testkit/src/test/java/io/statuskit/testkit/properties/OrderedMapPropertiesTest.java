package io.statuskit.testkit.properties;

import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.collect.ImmutableList;

import io.statuskit.core.internal.OrderedMap;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The persistent maps behave as a LinkedHashMap copied at each step would. */
class OrderedMapPropertiesTest {
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

  /** Up to 200 puts and removes (one in five), of keys whose hashes often collide. */
  private static Generator<ImmutableList<Op>> ops() {
    Generator<Integer> hashes =
        Generators.oneOf(
            Generators.integers(0, 3), Generators.of(0, 32, 1024, 1 << 20, 1 << 30, -1, 65536), Generators.anyInteger());
    Generator<Integer> names = Generators.integers(0, 5);
    Generator<Key> keys = s -> new Key(hashes.generate(s), names.generate(s));
    Generator<Boolean> removes = Generators.integers(0, 9).map(n -> n < 2);
    Generator<Integer> values = Generators.integers(0, 3);
    Generator<Integer> versions = Generators.integers(0, 9);
    Generator<Op> op = s -> new Op(removes.generate(s), keys.generate(s), values.generate(s), versions.generate(s));
    return op.list(0, 200);
  }

  @Test
  void everyVersionHoldsWhatACopiedLinkedHashMapHolds() {
    qt().withExamples(1000).forAll(gen(ops())).checkAssert(OrderedMapPropertiesTest::holdsWhatACopyHolds);
  }

  private static void holdsWhatACopyHolds(List<Op> ops) {
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

  @Test
  void sameEntriesIgnoresOrder() {
    qt().withExamples(1000).forAll(gen(ops())).checkAssert(OrderedMapPropertiesTest::sameEntriesInAnyOrder);
  }

  private static void sameEntriesInAnyOrder(List<Op> ops) {
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
