package io.statuskit.monitor.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
