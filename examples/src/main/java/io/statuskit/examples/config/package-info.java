/** The examples' configuration file (YAML or JSON): the page, the admin API and the servers. */
@NullMarked
package io.statuskit.examples.config;

import org.jspecify.annotations.NullMarked;
