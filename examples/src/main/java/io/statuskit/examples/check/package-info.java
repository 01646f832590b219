/** The {@code check} command: probe every configured server once and report as a table or JSON. */
@NullMarked
package io.statuskit.examples.check;

import org.jspecify.annotations.NullMarked;
