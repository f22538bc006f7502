package io.basehook.bootstrap;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code GET /openapi.yml} is a static resource, and Micronaut knows no media type for {@code .yml}: this names it
 * {@code application/yaml} (RFC 9512) instead of {@code text/plain}.
 */
@ServerFilter("/openapi.yml")
public final class OpenApiMediaType {

    /** The media type of the OpenAPI document. */
    public static final String APPLICATION_YAML = "application/yaml";

    @ResponseFilter
    public void yaml(MutableHttpResponse<?> response) {
        if (response.status() == HttpStatus.OK) {
            response.contentType(APPLICATION_YAML);
        }
    }
}
