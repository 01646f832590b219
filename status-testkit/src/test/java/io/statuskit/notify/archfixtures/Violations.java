package io.statuskit.notify.archfixtures;

import io.statuskit.probes.Outcome;
import io.statuskit.notify.archfixtures.internal.Hidden;
import io.statuskit.notify.archfixtures.internal.HiddenContract;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;

/**
 * Breaks every seam on purpose, for the architecture rules' own tests: a notify class using a probes type (tiers), internal
 * types in public signatures (API), and AssertJ in main code (test libraries). Never checked as
 * main code: it lives in test sources.
 */
public class Violations implements HiddenContract {
  /** A forbidden module's type. */
  public @Nullable Outcome forbidden;

  /** An internal type in a public field. */
  public @Nullable Hidden field;

  /** An internal type as a public constructor's parameter. */
  public Violations(@Nullable Hidden hidden) {
    this.field = hidden;
  }

  /** An internal type as a return type. */
  public Hidden hidden() {
    return new Hidden();
  }

  /** An internal type as a type argument of a parameter. */
  public int count(List<Hidden> all) {
    return all.size();
  }

  /** Private: not a public signature, not reported. */
  @SuppressWarnings("unused")
  private Hidden secret() {
    return new Hidden();
  }

  /** A test library in main code. */
  public void check() {
    Assertions.assertThat(field).isNotNull();
  }
}

/** Not public: its public method is not API, not reported. */
class Quiet {
  public Hidden notApi() {
    return new Hidden();
  }
}
