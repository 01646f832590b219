package io.statuskit.history.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
