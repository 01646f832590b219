package io.statuskit.feeds.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
