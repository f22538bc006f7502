package io.basehook.adapter.rest.planted;

import io.micronaut.http.annotation.Controller;

/** A planted violation of CONTROLLERS_LIVE_IN_REST (test sources only): a controller not named one (no bean). */
@Controller("/planted")
public interface PlantedRestEndpoint {
}
