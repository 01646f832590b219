package io.statuskit.notify.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
