/** Subscribers, their filters, and the {@link io.statuskit.notify.Notifier} that delivers the store's events to them as signed webhooks. */
@NullMarked
package io.statuskit.notify;

import org.jspecify.annotations.NullMarked;
