package io.statuskit.core.internal;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A persistent hash map (a hash array mapped trie): {@link #put} and {@link #remove} return a new
 * map that shares all but O(log n) nodes with this one, which is left as it was. Keys and values
 * are never null. Immutable and thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Hamt<K, V> {
  private static final Hamt<Object, Object> EMPTY = new Hamt<>(null, 0);

  private final @Nullable Node root;
  private final int size;

  private Hamt(@Nullable Node root, int size) {
    this.root = root;
    this.size = size;
  }

  /** The empty map. */
  @SuppressWarnings("unchecked")
  public static <K, V> Hamt<K, V> empty() {
    return (Hamt<K, V>) EMPTY;
  }

  /** How many keys the map holds. */
  public int size() {
    return size;
  }

  /** The value for {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public @Nullable V get(Object key) {
    Node node = root;
    return node == null ? null : (V) node.get(0, spread(key.hashCode()), key);
  }

  /** Whether the map holds {@code key}. */
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  /** This map with {@code key} mapped to {@code value}. */
  public Hamt<K, V> put(K key, V value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    int hash = spread(key.hashCode());
    Node node = root;
    if (node == null) {
      return new Hamt<>(BitmapNode.EMPTY.put(0, hash, key, value), 1);
    }
    boolean added = node.get(0, hash, key) == null;
    Node next = node.put(0, hash, key, value);
    return next == node ? this : new Hamt<>(next, added ? size + 1 : size);
  }

  /** This map without {@code key}. */
  public Hamt<K, V> remove(Object key) {
    Node node = root;
    int hash = spread(key.hashCode());
    if (node == null || node.get(0, hash, key) == null) {
      return this;
    }
    return new Hamt<>(node.remove(0, hash, key), size - 1);
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private abstract static class Node {
    abstract @Nullable Object get(int shift, int hash, Object key);

    abstract Node put(int shift, int hash, Object key, Object value);

    abstract @Nullable Node remove(int shift, int hash, Object key);
  }

  /** Slots in pairs: key and value, or null and a child node. */
  private static final class BitmapNode extends Node {
    static final BitmapNode EMPTY = new BitmapNode(0, new Object[0]);

    final int bitmap;
    final @Nullable Object[] array;

    BitmapNode(int bitmap, @Nullable Object[] array) {
      this.bitmap = bitmap;
      this.array = array;
    }

    @Override
    @Nullable Object get(int shift, int hash, Object key) {
      int bit = 1 << ((hash >>> shift) & 31);
      if ((bitmap & bit) == 0) {
        return null;
      }
      int index = 2 * Integer.bitCount(bitmap & (bit - 1));
      Object k = array[index];
      Object v = requireNonNull(array[index + 1]);
      if (k == null) {
        return ((Node) v).get(shift + 5, hash, key);
      }
      return k.equals(key) ? v : null;
    }

    @Override
    Node put(int shift, int hash, Object key, Object value) {
      int bit = 1 << ((hash >>> shift) & 31);
      int index = 2 * Integer.bitCount(bitmap & (bit - 1));
      if ((bitmap & bit) == 0) {
        @Nullable Object[] next = new Object[array.length + 2];
        System.arraycopy(array, 0, next, 0, index);
        next[index] = key;
        next[index + 1] = value;
        System.arraycopy(array, index, next, index + 2, array.length - index);
        return new BitmapNode(bitmap | bit, next);
      }
      Object k = array[index];
      Object v = requireNonNull(array[index + 1]);
      if (k == null) {
        Node child = (Node) v;
        Node nextChild = child.put(shift + 5, hash, key, value);
        return nextChild == child ? this : with(index, null, nextChild);
      }
      if (k.equals(key)) {
        return v == value ? this : with(index, k, value);
      }
      return with(index, null, pair(shift + 5, spread(k.hashCode()), k, v, hash, key, value));
    }

    @Override
    @Nullable Node remove(int shift, int hash, Object key) {
      int bit = 1 << ((hash >>> shift) & 31);
      if ((bitmap & bit) == 0) {
        return this;
      }
      int index = 2 * Integer.bitCount(bitmap & (bit - 1));
      Object k = array[index];
      Object v = requireNonNull(array[index + 1]);
      if (k == null) {
        Node child = (Node) v;
        Node nextChild = child.remove(shift + 5, hash, key);
        if (nextChild == child) {
          return this;
        }
        if (nextChild != null) {
          return with(index, null, nextChild);
        }
      } else if (!k.equals(key)) {
        return this;
      }
      if (bitmap == bit) {
        return null;
      }
      @Nullable Object[] next = new Object[array.length - 2];
      System.arraycopy(array, 0, next, 0, index);
      System.arraycopy(array, index + 2, next, index, array.length - index - 2);
      return new BitmapNode(bitmap & ~bit, next);
    }

    private BitmapNode with(int index, @Nullable Object key, Object value) {
      @Nullable Object[] next = array.clone();
      next[index] = key;
      next[index + 1] = value;
      return new BitmapNode(bitmap, next);
    }

    private static Node pair(
        int shift, int hash1, Object key1, Object value1, int hash2, Object key2, Object value2) {
      if (hash1 == hash2) {
        return new CollisionNode(hash1, new Object[] {key1, value1, key2, value2});
      }
      return EMPTY.put(shift, hash1, key1, value1).put(shift, hash2, key2, value2);
    }
  }

  /** Keys whose whole hashes are equal, in pairs of key and value. */
  private static final class CollisionNode extends Node {
    final int hash;
    final Object[] array;

    CollisionNode(int hash, Object[] array) {
      this.hash = hash;
      this.array = array;
    }

    private int find(Object key) {
      for (int i = 0; i < array.length; i += 2) {
        if (array[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    @Nullable Object get(int shift, int hash, Object key) {
      int index = hash == this.hash ? find(key) : -1;
      return index < 0 ? null : array[index + 1];
    }

    @Override
    Node put(int shift, int hash, Object key, Object value) {
      if (hash != this.hash) {
        int bit = 1 << ((this.hash >>> shift) & 31);
        return new BitmapNode(bit, new Object[] {null, this}).put(shift, hash, key, value);
      }
      int index = find(key);
      if (index >= 0) {
        if (array[index + 1] == value) {
          return this;
        }
        Object[] next = array.clone();
        next[index + 1] = value;
        return new CollisionNode(hash, next);
      }
      Object[] next = java.util.Arrays.copyOf(array, array.length + 2);
      next[array.length] = key;
      next[array.length + 1] = value;
      return new CollisionNode(hash, next);
    }

    @Override
    @Nullable Node remove(int shift, int hash, Object key) {
      int index = hash == this.hash ? find(key) : -1;
      if (index < 0) {
        return this;
      }
      if (array.length == 2) {
        return null;
      }
      Object[] next = new Object[array.length - 2];
      System.arraycopy(array, 0, next, 0, index);
      System.arraycopy(array, index + 2, next, index, array.length - index - 2);
      return new CollisionNode(hash, next);
    }
  }
}
