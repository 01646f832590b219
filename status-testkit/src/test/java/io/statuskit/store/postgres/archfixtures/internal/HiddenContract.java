package io.statuskit.store.postgres.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
