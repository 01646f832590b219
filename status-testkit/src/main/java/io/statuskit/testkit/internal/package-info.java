/** Implementation details of the testkit (readable descriptions of events and commands); not API. */
@NullMarked
package io.statuskit.testkit.internal;

import org.jspecify.annotations.NullMarked;
