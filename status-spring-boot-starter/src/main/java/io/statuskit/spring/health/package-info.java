/**
 * Actuator health on Spring Boot 4 ({@code org.springframework.boot.health.contributor}, where Boot
 * 4 moved the health API): a contributor {@code statuskit} with one indicator per monitored
 * server. On Boot 3.5 the same comes from {@link io.statuskit.spring.actuate}.
 */
@NullMarked
package io.statuskit.spring.health;

import org.jspecify.annotations.NullMarked;
