package io.statuskit.probes.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
