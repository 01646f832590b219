package io.statuskit.monitor.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
