package io.statuskit.core.store;

import io.statuskit.core.store.internal.ChannelOpener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An injected disk for the journal's channels (through {@link ChannelOpener}): the real file
 * system, except that it can run out of space after a byte budget (writing what fits, then
 * failing with ENOSPC's message, as a full disk does), turn read-only, and hold fsyncs at a gate.
 * Used where a real small tmpfs or a read-only mount would need root.
 */
final class FaultyDisk implements ChannelOpener {
  final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
  volatile boolean readOnly;
  volatile boolean failTruncate;
  volatile CountDownLatch forceGate = new CountDownLatch(0);
  final AtomicInteger forcesStarted = new AtomicInteger();

  @Override
  public FileChannel open(Path path, OpenOption... options) throws IOException {
    if (readOnly) {
      throw new java.nio.file.FileSystemException(path.toString(), null, "Read-only file system");
    }
    return new Channel(FileChannel.open(path, options));
  }

  private final class Channel extends FileChannel {
    private final FileChannel delegate;

    Channel(FileChannel delegate) {
      this.delegate = delegate;
    }

    private int allow(long wanted) throws IOException {
      if (readOnly) {
        throw new IOException("Read-only file system");
      }
      while (true) {
        long left = budget.get();
        long granted = Math.min(left, wanted);
        if (budget.compareAndSet(left, left - granted)) {
          return (int) granted;
        }
      }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int wanted = src.remaining();
      int granted = allow(wanted);
      if (granted < wanted) {
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + granted);
        int written = delegate.write(part);
        src.position(src.position() + written);
        throw new IOException("No space left on device");
      }
      return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long total = 0;
      for (int i = offset; i < offset + length; i++) {
        total += write(srcs[i]);
      }
      return total;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      allow(src.remaining());
      return delegate.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      forcesStarted.incrementAndGet();
      try {
        forceGate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted at the force gate");
      }
      if (readOnly) {
        throw new IOException("Read-only file system");
      }
      delegate.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      if (readOnly || failTruncate) {
        throw new IOException("Read-only file system");
      }
      delegate.truncate(size);
      return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      throw new UnsupportedOperationException("transferFrom");
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new UnsupportedOperationException("map");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }
}
