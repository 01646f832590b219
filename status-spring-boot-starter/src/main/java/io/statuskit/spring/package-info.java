/**
 * StatusKit for Spring Boot: auto-configuration of a tracker and its store, a monitor configured
 * from {@code application.yml}, the status page served by Spring MVC and Actuator health
 * contributors, each bean replaceable by the host's own.
 */
@NullMarked
package io.statuskit.spring;

import org.jspecify.annotations.NullMarked;
