/** Extension points of status-notify: the {@link io.statuskit.notify.spi.NotificationStore} that keeps subscribers, delivery cursors and dead letters. */
@NullMarked
package io.statuskit.notify.spi;

import org.jspecify.annotations.NullMarked;
