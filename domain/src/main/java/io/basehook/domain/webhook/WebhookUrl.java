package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a webhook posts: an absolute http(s) URL with a host and without user info. Whether its host may
 * be reached (SSRF) is decided where DNS is, in an adapter.
 */
public record WebhookUrl(String value) {

    public static final int MAX_LENGTH = 2048;

    public WebhookUrl {
        if (value == null || value.isBlank()) {
            throw invalid("url must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid("url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw invalid("url must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("url must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("url must not carry a fragment");
        }
    }

    public URI toUri() {
        return URI.create(value);
    }

    /** The host as written, without IPv6 brackets. */
    public String host() {
        String host = toUri().getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static BasehookException invalid(String message) {
        return BasehookException.invalid("invalid_url", "url", message);
    }
}
