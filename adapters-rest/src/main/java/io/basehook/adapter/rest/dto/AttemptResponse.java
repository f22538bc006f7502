package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.delivery.Attempt;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.TreeMap;

/**
 * One attempt of a delivery: {@code {at, durationMs, requestHeaders, responseStatus, responseHeaders, responseBody,
 * error, errorDetail}}. An answered attempt has the three response members and a null error; a failed one the
 * reverse, its response members null because there was no response at all.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AttemptResponse(String at, long durationMs, Map<String, String> requestHeaders, Integer responseStatus,
                              Map<String, String> responseHeaders, String responseBody, String error,
                              String errorDetail) {

    public static AttemptResponse from(Attempt attempt) {
        boolean answered = attempt.responseStatus() != null;
        return new AttemptResponse(IsoTimes.format(attempt.at()), attempt.duration().toMillis(),
                sorted(attempt.requestHeaders()), attempt.responseStatus(),
                answered ? sorted(attempt.responseHeaders()) : null, attempt.responseBody(),
                attempt.error() == null ? null : attempt.error().label(), attempt.errorDetail());
    }

    // the domain keeps headers in an unordered map; sorted, the log reads the same on every request
    private static Map<String, String> sorted(Map<String, String> headers) {
        return new TreeMap<>(headers);
    }
}
