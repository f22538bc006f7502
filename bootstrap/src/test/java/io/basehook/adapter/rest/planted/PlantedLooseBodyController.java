package io.basehook.adapter.rest.planted;

import io.micronaut.http.annotation.Body;

/**
 * A planted violation (test sources only): a body bound by the framework's lenient reader, not the strict one. Not
 * annotated as a controller, so the test application does not route to it; the rule looks at every controller.
 */
public class PlantedLooseBodyController {

    /** A record the strict reader does not know: serde would take {@code 123} or {@code ["a"]} for its name. */
    public record LooseRequest(String name) {
    }

    public String create(@Body LooseRequest body) {
        return body.name();
    }
}
