package io.statuskit.core.store.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the channels the journal writes segments and snapshots through. The default is {@link
 * FileChannel#open}; tests pass one whose channels fail like a full or read-only disk.
 */
@FunctionalInterface
public interface ChannelOpener {
  /** The plain file system. */
  ChannelOpener DEFAULT = FileChannel::open;

  /** Opens a channel on {@code path}. */
  FileChannel open(Path path, OpenOption... options) throws IOException;
}
