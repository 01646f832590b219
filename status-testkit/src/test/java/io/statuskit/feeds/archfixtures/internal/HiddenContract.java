package io.statuskit.feeds.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
