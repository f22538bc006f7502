package io.basehook.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /openapi.yml} over real HTTP: open to anyone, a valid OpenAPI 3 document, and naming exactly the
 * {@code /api/v1} routes the router has, so the document cannot drift from the code; {@code GET /docs} renders it.
 */
class OpenApiDocumentTest {

    private static final String API = "/api/v1";
    private final RunningBasehook basehook = RunningBasehook.get();

    @Test
    void theDocumentIsServedAsYamlWithoutAToken() {
        HttpResponse<String> answer = openApiYml();
        assertEquals(200, answer.statusCode(), answer::body);
        String type = answer.headers().firstValue("Content-Type").orElse("");
        assertEquals("application/yaml", type);
        assertTrue(answer.body().startsWith("openapi: 3."), () -> answer.body().lines().findFirst().orElse(""));
    }

    @Test
    void aValidatorFindsNothingToSay() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(openApiYml().body());
        assertNotNull(parsed.getOpenAPI(), () -> String.valueOf(parsed.getMessages()));
        assertEquals(List.of(), parsed.getMessages());
        assertEquals("bearer", parsed.getOpenAPI().getComponents().getSecuritySchemes().get("bearer").getScheme());
        assertFalse(parsed.getOpenAPI().getSecurity().isEmpty(), "the bearer scheme applies to every operation");
    }

    @Test
    void theDocumentNamesExactlyTheRoutesOfTheApi() {
        OpenAPI document = new OpenAPIV3Parser().readContents(openApiYml().body()).getOpenAPI();
        Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> {
            if (path.startsWith(API)) {
                item.readOperationsMap().keySet().forEach(method -> documented.add(method + " " + path));
            }
        });
        Set<String> routed = basehook.context().getBean(Router.class).uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith(API))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
                .collect(Collectors.toCollection(TreeSet::new));
        // Micronaut answers HEAD for every GET by itself; HTTP implies it, so the document leaves it out
        routed.removeIf(route -> route.startsWith("HEAD ") && routed.contains("GET " + route.substring(5)));
        assertFalse(routed.isEmpty());
        assertEquals(routed, documented);
    }

    @Test
    void everyOperationSaysItsErrorsAreProblems() {
        OpenAPI document = new OpenAPIV3Parser().readContents(openApiYml().body()).getOpenAPI();
        for (PathItem item : document.getPaths().values()) {
            item.readOperations().forEach(operation -> {
                for (String range : List.of("4XX", "5XX")) {
                    assertNotNull(operation.getResponses().get(range).getContent().get("application/problem+json"),
                            () -> operation.getOperationId() + " " + range);
                }
            });
        }
    }

    @Test
    void docsRenderTheDocumentFromFilesBasehookServes() {
        HttpResponse<String> page = get("/docs");
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("url: \"/openapi.yml\""), page::body);
        for (String file : List.of("/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js")) {
            assertTrue(page.body().contains("\"" + file + "\""), file);
            HttpResponse<String> served = get(file);
            assertEquals(200, served.statusCode(), file);
            assertFalse(served.body().isEmpty(), file);
        }
    }

    private HttpResponse<String> openApiYml() {
        return get("/openapi.yml");
    }

    private HttpResponse<String> get(String path) {
        return RunningBasehook.httpGet(basehook.context().getBean(EmbeddedServer.class).getURI().resolve(path), null);
    }
}
