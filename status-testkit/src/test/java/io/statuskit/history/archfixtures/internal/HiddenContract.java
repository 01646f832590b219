package io.statuskit.history.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
