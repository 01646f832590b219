/** StatusKit testkit (in progress). */
@NullMarked
package io.statuskit.testkit;

import org.jspecify.annotations.NullMarked;
