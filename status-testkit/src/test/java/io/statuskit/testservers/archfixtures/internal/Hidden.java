package io.statuskit.testservers.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
