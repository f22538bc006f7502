package io.basehook.adapter.rest.planted;

import io.micronaut.http.annotation.Body;

/** A planted violation of BODIES_ARE_READ_STRICTLY (test sources only): a body bound by serde's lenient reader. */
public class PlantedLooseBodyController {

    /** A record the strict reader does not know: serde would take {@code 123} or {@code ["a"]} for its name. */
    public record LooseRequest(String name) {
    }

    /** Never routed, as the class is no {@code @Controller}; the rule reads every class named a controller. */
    public String create(@Body LooseRequest body) {
        return body.name();
    }
}
