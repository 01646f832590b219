package io.statuskit.page.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
