package io.statuskit.page.archfixtures.internal;

/** An internal interface the fixture implements publicly. */
public interface HiddenContract {}
