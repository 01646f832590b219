package io.statuskit.testkit.properties;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.testing.CommandScript;
import io.statuskit.core.testing.CommandScript.Step;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;

/**
 * Generators of status-core's own {@link CommandScript} steps (its src/testFixtures, which cannot
 * depend on the testkit): each part a small number, shrinking towards zero, so a shrunk history
 * is short and adds servers first.
 */
final class CoreScripts {
  private CoreScripts() {}

  /** Any step. */
  static Generator<Step> steps() {
    Generator<Integer> op = Generators.integers(0, CommandScript.MAX_OP);
    Generator<Integer> part = Generators.integers(0, CommandScript.MAX_PART);
    return source -> new Step(op.generate(source), part.generate(source), part.generate(source), part.generate(source), part.generate(source));
  }

  /** Lists of up to {@code max} steps, every length as likely. */
  static Generator<ImmutableList<Step>> scripts(int max) {
    return steps().list(0, max);
  }
}
