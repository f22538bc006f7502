package io.basehook.adapter.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * What the OpenAPI document says of the API as a whole: its title and that every route wants
 * {@code Authorization: Bearer <token>}. The annotation processor writes the document at build time.
 */
@OpenAPIDefinition(
        info = @Info(title = "Basehook", version = "v1",
                description = "Tables with rows and columns whose changes are sent to webhooks. Errors are "
                        + "application/problem+json (RFC 9457)."),
        security = @SecurityRequirement(name = ApiDocument.BEARER))
@SecurityScheme(name = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An admin token or an API token of one base")
public final class ApiDocument {

    /** The name of the bearer security scheme. */
    public static final String BEARER = "bearer";

    private ApiDocument() {
    }
}
