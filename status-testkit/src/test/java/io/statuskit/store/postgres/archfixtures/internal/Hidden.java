package io.statuskit.store.postgres.archfixtures.internal;

/** An internal type the fixture exposes. */
public class Hidden {}
