package io.basehook.adapter.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.HttpVersionSelection;
import io.micronaut.http.ssl.ClientSslConfiguration;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * The webhook client's settings, apart from {@code micronaut.http.client.*} so no other client inherits them:
 * The delivery timeouts, no redirects, answers of any status as answers, HTTP/1.1 keep-alive with a pool per host.
 */
@Singleton
public class WebhookClientConfiguration extends HttpClientConfiguration {

    /** Name of the webhook client's own (non-blocking) DNS resolver. */
    public static final String RESOLVER = "basehook-webhooks";
    /**
     * A backstop only: {@link ResponseBodyTrimmer} hands the client at most 4 KiB of any answer, so no receiver's
     * body comes near this; were it bypassed, the attempt would fail rather than buffer more.
     */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final ConnectionPoolConfiguration pool = new ConnectionPoolConfiguration();

    public WebhookClientConfiguration(HttpTransportConfiguration transport, @Nullable ClientSslConfiguration ssl) {
        setConnectTimeout(transport.connectTimeout());
        setReadTimeout(transport.timeout());
        setRequestTimeout(transport.timeout()); // the whole attempt, connect included, gets the timeout
        setConnectionPoolIdleTimeout(Duration.ofSeconds(60));
        setFollowRedirects(false);
        setExceptionOnErrorStatus(false); // a 4xx/5xx is an answer to log, not an exception to build
        setMaxContentLength(MAX_RESPONSE_BYTES);
        setPlaintextMode(HttpVersionSelection.PlaintextMode.HTTP_1);
        setAlpnModes(List.of(HttpVersionSelection.ALPN_HTTP_1)); // one pool of HTTP/1.1 connections per host
        setAddressResolverGroupName(RESOLVER);
        if (ssl != null) {
            setSslConfiguration(ssl); // trust settings of micronaut.http.client.ssl.* apply to webhooks too
        }
        pool.setEnabled(true);
        pool.setMaxConcurrentHttp1Connections(transport.maxConnectionsPerHost());
        pool.setMaxPendingConnections(16);
    }

    @Override
    public ConnectionPoolConfiguration getConnectionPoolConfiguration() {
        return pool;
    }
}
