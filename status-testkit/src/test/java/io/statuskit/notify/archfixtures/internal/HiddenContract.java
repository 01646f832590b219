package io.statuskit.notify.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
