package io.basehook.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code basehook.admin-token}: the token that may do everything; unset or blank, one is generated and logged once.
 */
@ConfigurationProperties("basehook")
public record AccessConfiguration(@Nullable String adminToken) {
}
