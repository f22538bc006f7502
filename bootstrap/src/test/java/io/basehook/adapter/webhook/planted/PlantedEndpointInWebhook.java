package io.basehook.adapter.webhook.planted;

import io.micronaut.http.annotation.QueryValue;

/** A planted violation of HTTP_SERVER_ONLY_IN_REST (test sources only): the webhook adapter binding a request. */
public class PlantedEndpointInWebhook {

    public String callback(@QueryValue String token) {
        return token;
    }
}
