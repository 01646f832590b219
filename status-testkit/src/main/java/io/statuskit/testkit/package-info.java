/**
 * StatusKit testkit: a manual clock, an event recorder and the NinerNet sample board, for tests
 * of incident logic (assertions, generators and the store TCK live in sub-packages).
 */
@NullMarked
package io.statuskit.testkit;

import org.jspecify.annotations.NullMarked;
