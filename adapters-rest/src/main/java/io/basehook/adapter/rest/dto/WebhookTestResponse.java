package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.delivery.Attempt;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * {@code POST .../webhooks/{id}/test}: the ping's attempt, as in the delivery log, led by {@code success}
 * (a 2xx within the timeout), so a client need not know which statuses count.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookTestResponse(boolean success, String at, long durationMs, Map<String, String> requestHeaders,
                                  Integer responseStatus, Map<String, String> responseHeaders, String responseBody,
                                  String error, String errorDetail) {

    public static WebhookTestResponse from(Attempt attempt) {
        AttemptResponse shown = AttemptResponse.from(attempt);
        return new WebhookTestResponse(attempt.succeeded(), shown.at(), shown.durationMs(), shown.requestHeaders(),
                shown.responseStatus(), shown.responseHeaders(), shown.responseBody(), shown.error(),
                shown.errorDetail());
    }
}
