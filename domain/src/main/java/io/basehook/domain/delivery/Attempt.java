package io.basehook.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP attempt of a delivery, as the delivery log shows it: either a response (status, headers, the
 * first 4 KiB of the body) or an error, never both.
 *
 * @param retryAfter what a 429/503 asked for in {@code Retry-After}; null otherwise
 */
public record Attempt(Instant at, Duration duration, Map<String, String> requestHeaders, Integer responseStatus,
                      Map<String, String> responseHeaders, String responseBody, AttemptError error,
                      String errorDetail, Duration retryAfter) {

    public static final int MAX_BODY_CHARS = 4096;

    public Attempt {
        Objects.requireNonNull(at);
        Objects.requireNonNull(duration);
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
        if ((responseStatus == null) == (error == null)) {
            throw new IllegalArgumentException("an attempt has a response or an error");
        }
        if (responseBody != null && responseBody.length() > MAX_BODY_CHARS) {
            responseBody = responseBody.substring(0, MAX_BODY_CHARS);
        }
    }

    public static Attempt answered(Instant at, Duration duration, Map<String, String> requestHeaders, int status,
                                   Map<String, String> responseHeaders, String body, Duration retryAfter) {
        return new Attempt(at, duration, requestHeaders, status, responseHeaders, body == null ? "" : body, null, null,
                retryAfter);
    }

    public static Attempt failed(Instant at, Duration duration, Map<String, String> requestHeaders, AttemptError error,
                                 String detail) {
        return new Attempt(at, duration, requestHeaders, null, null, null, error, detail, null);
    }

    /** Success is any 2xx; a redirect is not followed and counts as a failure. */
    public boolean succeeded() {
        return responseStatus != null && responseStatus >= 200 && responseStatus < 300;
    }
}
