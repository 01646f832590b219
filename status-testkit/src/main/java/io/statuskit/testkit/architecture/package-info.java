/**
 * StatusKit's module seams as ArchUnit rules ({@link
 * io.statuskit.testkit.architecture.StatusKitArchitecture}), defined once for every module's
 * architecture test.
 */
@NullMarked
package io.statuskit.testkit.architecture;

import org.jspecify.annotations.NullMarked;
