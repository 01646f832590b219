/** The static export: the whole status page written as files for any static web server. */
@NullMarked
package io.statuskit.examples.export;

import org.jspecify.annotations.NullMarked;
