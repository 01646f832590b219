/**
 * jqwik arbitraries for servers, incidents, update sequences, timelines and command scripts, as
 * static factories on {@link io.statuskit.testkit.jqwik.StatusArbitraries}.
 */
@NullMarked
package io.statuskit.testkit.jqwik;

import org.jspecify.annotations.NullMarked;
