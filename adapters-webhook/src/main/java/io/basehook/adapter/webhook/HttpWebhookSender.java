package io.basehook.adapter.webhook;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.webhook.WebhookSecret;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.ContentLengthExceededException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Sends a webhook with Micronaut's non-blocking Netty client: one shared client, keep-alive connections pooled
 * per host, the delivery timeouts, no redirects, and the address of each new connection checked by
 * {@link WebhookConnectionCustomizer}. The returned future completes on an event loop: do not block in its
 * callbacks.
 */
@Singleton
public class HttpWebhookSender implements WebhookPort {

    static final String USER_AGENT = "Basehook/" + version();
    /** Where Micronaut's client keeps the connection it sends a request on (NettyClientHttpRequest.CHANNEL). */
    private static final String CONNECTION_ATTRIBUTE = "netty_channel";
    private static final byte[] NO_BODY = new byte[0];

    private final HttpClient client;
    private final Clock clock;

    /** Takes the customizer only to be sure the connect-time address check is registered before any send. */
    @Inject
    public HttpWebhookSender(@Client(configuration = WebhookClientConfiguration.class) HttpClient client,
                             WebhookConnectionCustomizer addressCheck) {
        this(client, Clock.systemUTC());
    }

    HttpWebhookSender(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Attempt> send(WebhookMessage message) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Map<String, String> headers = Map.of();
        try {
            byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
            headers = signedHeaders(message.eventId().value(), Long.toString(at.getEpochSecond()), body,
                    message.secrets());
            MutableHttpRequest<byte[]> request = HttpRequest.POST(message.target().toUri(), body);
            headers.forEach(request::header);
            Exchange exchange = new Exchange(at, started, headers, request);
            client.exchange(request, byte[].class).subscribe(exchange);
            return exchange.result;
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(at, started, headers, e));
        }
    }

    static Map<String, String> signedHeaders(String id, String timestamp, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook request is signed with at least one secret");
        }
        Map<String, String> headers = new LinkedHashMap<>(8);
        headers.put(HttpHeaders.CONTENT_TYPE, "application/json");
        headers.put(HttpHeaders.USER_AGENT, USER_AGENT);
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", WebhookSigner.standardWebhooks(id, timestamp, body, secrets));
        headers.put("X-SeaTable-Signature", WebhookSigner.seaTable(body, secrets.get(0)));
        return headers;
    }

    /** Turns the client's single response (or error) into exactly one {@link Attempt}. */
    private final class Exchange implements Subscriber<HttpResponse<byte[]>> {

        private final Instant at;
        private final long started;
        private final Map<String, String> requestHeaders;
        private final HttpRequest<?> request;
        final CompletableFuture<Attempt> result = new CompletableFuture<>();

        Exchange(Instant at, long started, Map<String, String> requestHeaders, HttpRequest<?> request) {
            this.at = at;
            this.started = started;
            this.requestHeaders = requestHeaders;
            this.request = request;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            // a caller that gives up on the future also gives up the request and its connection slot
            result.whenComplete((attempt, error) -> {
                if (result.isCancelled()) {
                    subscription.cancel();
                }
            });
            subscription.request(1);
        }

        @Override
        public void onNext(HttpResponse<byte[]> response) {
            try {
                result.complete(answered(at, started, requestHeaders, response));
            } catch (RuntimeException unreadable) { // a subscriber must not throw, and the future must complete
                result.complete(failure(at, started, requestHeaders, unreadable));
            }
        }

        @Override
        public void onError(Throwable error) {
            // with exceptionOnErrorStatus off this should not come, but a 4xx/5xx is an answer however it arrives
            if (error instanceof HttpClientResponseException answered) {
                result.complete(answered(at, started, requestHeaders, answered.getResponse()));
            } else {
                completeAfterClosing(failure(at, started, requestHeaders, error));
            }
        }

        /**
         * Micronaut's request timeout gives up on the response but leaves its connection open until the read
         * timeout closes it, or for as long as the endpoint trickles bytes: the endpoint would see the webhook's next
         * request beside it, over the per-webhook bound. So a failed attempt ends once its connection is closed.
         */
        private void completeAfterClosing(Attempt failed) {
            Object connection = request.getAttribute(CONNECTION_ATTRIBUTE).orElse(null);
            if (connection instanceof Channel channel && channel.isOpen()) {
                channel.close().addListener(closed -> result.complete(failed));
            } else {
                result.complete(failed);
            }
        }

        @Override
        public void onComplete() {
            result.complete(Attempt.failed(at, elapsed(started), requestHeaders, AttemptError.CONNECTION_FAILED,
                    "the connection ended without a response"));
        }
    }

    private Attempt answered(Instant at, long started, Map<String, String> requestHeaders, HttpResponse<?> response) {
        int status = response.code();
        byte[] body = response.getBody(byte[].class).orElse(NO_BODY);
        Duration retryAfter = status == 429 || status == 503
                ? RetryAfter.parse(response.getHeaders().get(HttpHeaders.RETRY_AFTER), clock.instant())
                : null;
        return Attempt.answered(at, elapsed(started), requestHeaders, status, headersOf(response.getHeaders()),
                preview(body), retryAfter);
    }

    /** Classified by the first cause that says what happened; Netty hangs some (a broken handshake) on as suppressed. */
    private static Attempt failure(Instant at, long started, Map<String, String> requestHeaders, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            AttemptError kind = kindOf(cause);
            if (kind != null) {
                return Attempt.failed(at, elapsed(started), requestHeaders, kind, detail(cause));
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                kind = kindOf(suppressed);
                if (kind != null) {
                    return Attempt.failed(at, elapsed(started), requestHeaders, kind, detail(suppressed));
                }
            }
        }
        return Attempt.failed(at, elapsed(started), requestHeaders, AttemptError.CONNECTION_FAILED, detail(error));
    }

    private static AttemptError kindOf(Throwable error) {
        if (error instanceof BlockedAddressException) {
            return AttemptError.BLOCKED_ADDRESS;
        }
        if (error instanceof io.micronaut.http.client.exceptions.ReadTimeoutException
                || error instanceof io.netty.handler.timeout.TimeoutException
                || error instanceof ConnectTimeoutException
                || error instanceof SocketTimeoutException
                || error instanceof TimeoutException) {
            return AttemptError.TIMEOUT;
        }
        if (error instanceof ConnectException) {
            return AttemptError.CONNECTION_REFUSED;
        }
        if (error instanceof UnknownHostException) {
            return AttemptError.UNKNOWN_HOST;
        }
        if (error instanceof SSLException || error instanceof CertificateException
                || error instanceof NotSslRecordException) {
            return AttemptError.TLS;
        }
        if (error instanceof ContentLengthExceededException) {
            return AttemptError.CONNECTION_FAILED;
        }
        return null;
    }

    private static String detail(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /** Header names in lower case (as HTTP/2 writes them), repeated headers joined as RFC 9110 allows. */
    private static Map<String, String> headersOf(HttpHeaders headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            map.merge(name.toLowerCase(Locale.ROOT), String.join(", ", headers.getAll(name)),
                    (first, more) -> first + ", " + more);
        }
        return map;
    }

    /** The first 4 KiB as text, cut before a character that the limit would split. */
    static String preview(byte[] body) {
        int length = Math.min(body.length, Attempt.MAX_BODY_CHARS);
        while (length < body.length && length > 0 && (body[length] & 0xC0) == 0x80) {
            length--;
        }
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String version() {
        try (InputStream in = HttpWebhookSender.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "");
            return version.isBlank() || version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
