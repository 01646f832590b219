package io.statuskit.core.internal;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A persistent map that iterates in the order keys were first put (a key put again keeps its
 * place; a key removed and put again goes to the end). {@link #put} and {@link #remove} cost
 * O(log n) and leave this map as it was: lookups go through a {@link Hamt}, and the order is an
 * append-only array shared by every version, each version seeing a prefix of it; putting a new
 * key into a version that is not the latest copies the order, O(n). Removed keys stay in the
 * order array (skipped when iterating) until they make up half of it, then it is compacted.
 * Immutable and thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class OrderedMap<K, V> implements Iterable<V> {
  private static final OrderedMap<Object, Object> EMPTY =
      new OrderedMap<>(Hamt.empty(), new Order(16), 0);

  /** A value and the place of its key in the order array. */
  private static final class Slot<V> {
    final int place;
    final V value;

    Slot(int place, V value) {
      this.place = place;
      this.value = value;
    }
  }

  /** The shared, append-only order of keys. */
  private static final class Order {
    final @Nullable Object[] keys;
    final AtomicInteger used = new AtomicInteger();

    Order(int capacity) {
      this.keys = new Object[capacity];
    }
  }

  private final Hamt<K, Slot<V>> map;
  private final Order order;
  /** How many entries of {@link #order} this version sees. */
  private final int length;

  private OrderedMap(Hamt<K, Slot<V>> map, Order order, int length) {
    this.map = map;
    this.order = order;
    this.length = length;
  }

  /** The empty map. */
  @SuppressWarnings("unchecked")
  public static <K, V> OrderedMap<K, V> empty() {
    return (OrderedMap<K, V>) EMPTY;
  }

  /** How many keys the map holds. */
  public int size() {
    return map.size();
  }

  /** The value for {@code key}, or null. */
  public @Nullable V get(Object key) {
    Slot<V> slot = map.get(key);
    return slot == null ? null : slot.value;
  }

  /** Whether the map holds {@code key}. */
  public boolean containsKey(Object key) {
    return map.get(key) != null;
  }

  /** This map with {@code key} mapped to {@code value}; a new key goes last. */
  public OrderedMap<K, V> put(K key, V value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    Slot<V> old = map.get(key);
    if (old != null) {
      return old.value == value ? this : new OrderedMap<>(map.put(key, new Slot<>(old.place, value)), order, length);
    }
    if (length < order.keys.length && order.used.compareAndSet(length, length + 1)) {
      order.keys[length] = key;
      return new OrderedMap<>(map.put(key, new Slot<>(length, value)), order, length + 1);
    }
    return compacted(map.size() + 1).put(key, value);
  }

  /** This map without {@code key}. */
  public OrderedMap<K, V> remove(Object key) {
    if (!map.containsKey(key)) {
      return this;
    }
    OrderedMap<K, V> next = new OrderedMap<>(map.remove(key), order, length);
    return next.size() * 2 < length && length > 16 ? next.compacted(next.size()) : next;
  }

  /** A copy of this map with its own order array, room for {@code atLeast} keys and more. */
  private OrderedMap<K, V> compacted(int atLeast) {
    Order copy = new Order(Math.max(16, atLeast * 2));
    Hamt<K, Slot<V>> nextMap = Hamt.empty();
    int place = 0;
    for (int i = 0; i < length; i++) {
      K key = keyAt(i);
      Slot<V> slot = map.get(key);
      if (slot != null && slot.place == i) {
        copy.keys[place] = key;
        nextMap = nextMap.put(key, new Slot<>(place, slot.value));
        place++;
      }
    }
    copy.used.set(place);
    return new OrderedMap<>(nextMap, copy, place);
  }

  @SuppressWarnings("unchecked")
  private K keyAt(int place) {
    return (K) requireNonNull(order.keys[place]);
  }

  private @Nullable Slot<V> liveSlot(int place) {
    Slot<V> slot = map.get(keyAt(place));
    return slot != null && slot.place == place ? slot : null;
  }

  /** Calls {@code action} with each key and value, in order. */
  public void forEach(BiConsumer<? super K, ? super V> action) {
    for (int i = 0; i < length; i++) {
      Slot<V> slot = liveSlot(i);
      if (slot != null) {
        action.accept(keyAt(i), slot.value);
      }
    }
  }

  /** The values, in order. */
  @Override
  public Iterator<V> iterator() {
    return new Iterator<V>() {
      private int place = advance(0);

      private int advance(int from) {
        int i = from;
        while (i < length && liveSlot(i) == null) {
          i++;
        }
        return i;
      }

      @Override
      public boolean hasNext() {
        return place < length;
      }

      @Override
      public V next() {
        if (place >= length) {
          throw new NoSuchElementException();
        }
        V value = requireNonNull(liveSlot(place)).value;
        place = advance(place + 1);
        return value;
      }
    };
  }

  /** The sum over entries of key hash xor value hash, as {@link java.util.Map#hashCode()}. */
  public int mapHashCode() {
    int[] hash = {0};
    forEach((k, v) -> hash[0] += k.hashCode() ^ v.hashCode());
    return hash[0];
  }

  /** Whether both map the same keys to equal values, whatever the order. */
  public boolean sameEntries(OrderedMap<?, ?> other) {
    if (size() != other.size()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      Slot<V> slot = liveSlot(i);
      if (slot != null && !slot.value.equals(other.get(keyAt(i)))) {
        return false;
      }
    }
    return true;
  }
}
