package io.basehook.adapter.rest.planted;

import java.net.http.HttpClient;

/** A planted violation of HTTP_CLIENT_ONLY_IN_WEBHOOK (test sources only): a controller sending its own requests. */
public class PlantedHttpClientInRest {

    public HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
