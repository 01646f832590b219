/**
 * Actuator health on Spring Boot 3.5 ({@code org.springframework.boot.actuate.health}): a
 * contributor {@code statuskit} with one indicator per monitored server. On Boot 4 the same comes
 * from {@link io.statuskit.spring.health}.
 */
@NullMarked
package io.statuskit.spring.actuate;

import org.jspecify.annotations.NullMarked;
