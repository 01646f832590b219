/**
 * AssertJ assertions for boards, servers, incidents, timelines and recorded events, entered through
 * {@link io.statuskit.testkit.assertj.StatusAssertions}.
 */
@NullMarked
package io.statuskit.testkit.assertj;

import org.jspecify.annotations.NullMarked;
