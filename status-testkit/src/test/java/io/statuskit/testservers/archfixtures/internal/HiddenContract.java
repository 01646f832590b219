package io.statuskit.testservers.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
