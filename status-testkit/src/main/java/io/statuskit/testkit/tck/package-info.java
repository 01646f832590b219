/**
 * Technology compatibility kits: abstract JUnit 5 tests that an implementation of a StatusKit SPI
 * extends to prove it keeps the SPI's contract, such as {@link
 * io.statuskit.testkit.tck.StatusStoreContract}.
 */
@NullMarked
package io.statuskit.testkit.tck;

import org.jspecify.annotations.NullMarked;
