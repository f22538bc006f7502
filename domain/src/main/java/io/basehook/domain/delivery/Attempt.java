package io.basehook.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt of a delivery, as the delivery log shows it, in terms any transport can report: when it started, how
 * long it took, and whether the receiver took the message. Over HTTP it is either a response (status, headers, the
 * first 4 KiB of the body) or an error, never both, and it succeeded with any 2xx. A transport without responses
 * reports {@link #delivered} or an error; the HTTP parts are then empty.
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
        if (responseStatus != null && error != null) {
            throw new IllegalArgumentException("an attempt has a response or an error, not both");
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

    /** The receiver took the message, over a transport that has no response to show. */
    public static Attempt delivered(Instant at, Duration duration) {
        return new Attempt(at, duration, null, null, null, null, null, null, null);
    }

    /** No answer, or a refusal of a transport without responses: {@code error} says which. */
    public static Attempt failed(Instant at, Duration duration, AttemptError error, String detail) {
        return failed(at, duration, Map.of(), error, detail);
    }

    public static Attempt failed(Instant at, Duration duration, Map<String, String> requestHeaders, AttemptError error,
                                 String detail) {
        return new Attempt(at, duration, requestHeaders, null, null, null, Objects.requireNonNull(error), detail, null);
    }

    /**
     * Over HTTP, success is any 2xx; a redirect is not followed and counts as a failure. Without a response, success
     * is the absence of an error.
     */
    public boolean succeeded() {
        if (responseStatus == null) {
            return error == null;
        }
        return responseStatus >= 200 && responseStatus < 300;
    }
}
