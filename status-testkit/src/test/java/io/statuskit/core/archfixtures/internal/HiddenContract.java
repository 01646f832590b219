package io.statuskit.core.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
