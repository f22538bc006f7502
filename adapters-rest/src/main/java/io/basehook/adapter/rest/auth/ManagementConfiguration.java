package io.basehook.adapter.rest.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code basehook.management.token}: unset or blank, {@code /metrics} and {@code /prometheus} are open. */
@ConfigurationProperties("basehook.management")
public record ManagementConfiguration(@Nullable String token) {
}
