package io.basehook.adapter.rest.gate;

import io.basehook.adapter.rest.RequestLimitsConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The heap that API requests may hold at once, reserved before a body is read or a page is fetched: a body weighs
 * its declared {@code Content-Length} (the maximum request size when it has none), a GET of a page weighs
 * {@code page-bytes} times the heap a page costs per stored byte. Without room a request is refused, never queued.
 */
@Singleton
public final class RequestMemoryGate {

    /**
     * A page of 2 MiB stored bytes costs up to about 9 MiB of heap while read and written (ADR 0001), most pages far
     * less: weighed at twice its bytes, eight page reads run at once in the default budget, and their worst case
     * (72 MiB) stays inside what the budget may cost as bodies (ADR 0020).
     */
    static final int PAGE_HEAP_FACTOR = 2;
    // rows (and a row), the change feed, a webhook's deliveries and one delivery's attempts: bounded by page-bytes
    private static final Pattern PAGE_READ = Pattern.compile(
            "/api/v1/bases/[^/]+/(tables/[^/]+/rows(/[^/?]*)?|events|webhooks/[^/]+/deliveries(/[^/?]*)?)/?(\\?.*)?");
    private static final String API = "/api/v1/";

    private final long budget;
    private final long maxRequestSize;
    private final long pageAllowance;
    private final AtomicLong inFlight = new AtomicLong();

    public RequestMemoryGate(RequestLimitsConfiguration limits,
                             @ReadableBytes @Value("${micronaut.server.max-request-size:10MB}") long maxRequestSize) {
        this.budget = limits.requestBytesInFlight();
        this.maxRequestSize = maxRequestSize;
        this.pageAllowance = limits.pageBytes() * PAGE_HEAP_FACTOR;
    }

    /** What a request may hold on the heap; 0 outside the API. */
    long weightOf(String method, String uri, long contentLength, boolean chunked) {
        if (!uri.startsWith(API)) {
            return 0;
        }
        long body = contentLength >= 0 ? Math.min(contentLength, maxRequestSize) : chunked ? maxRequestSize : 0;
        if ("GET".equals(method) && PAGE_READ.matcher(uri).matches()) {
            return body + pageAllowance;
        }
        return body;
    }

    /** One atomic add; a request heavier than the whole budget is admitted only while nothing else holds any. */
    boolean tryAcquire(long weight) {
        long after = inFlight.addAndGet(weight);
        if (after <= budget || after == weight) {
            return true;
        }
        inFlight.addAndGet(-weight);
        return false;
    }

    void release(long weight) {
        inFlight.addAndGet(-weight);
    }

    /** The bytes reserved now (for tests and diagnostics). */
    public long inFlight() {
        return inFlight.get();
    }
}
