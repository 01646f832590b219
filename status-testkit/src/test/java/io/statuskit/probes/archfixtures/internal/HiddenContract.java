package io.statuskit.probes.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
