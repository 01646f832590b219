/** StatusKit feeds (in progress). */
@NullMarked
package io.statuskit.feeds;

import org.jspecify.annotations.NullMarked;
