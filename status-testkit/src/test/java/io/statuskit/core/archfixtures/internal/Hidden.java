package io.statuskit.core.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
