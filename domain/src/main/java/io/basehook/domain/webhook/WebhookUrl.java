package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a webhook posts: an absolute http(s) URL with a host and without user info. Whether its host may
 * be reached (SSRF) is decided where DNS is, in an adapter. A URL {@link #supplied} by a user also has a port
 * from 1 to 65535 and a host that is a name, an IPv6 literal or four decimal numbers: the sender takes any other
 * numeric form ({@code 2130706433}, {@code 0177.0.0.1}) for a name that resolves nowhere.
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

    /** A URL as a user gives it, held to the rules that were added after URLs were first stored. */
    public static WebhookUrl supplied(String value) {
        WebhookUrl url = new WebhookUrl(value);
        URI uri = url.toUri();
        int port = uri.getPort();
        if (port != -1 && (port < 1 || port > 65535)) {
            throw invalid("url port must be 1 to 65535");
        }
        String host = uri.getHost();
        if (!host.startsWith("[") && looksNumeric(host) && !isDottedQuad(host)) {
            throw invalid("url host looks like an IPv4 address but is not written as four decimal numbers "
                    + "from 0 to 255 without leading zeros, such as 192.0.2.10");
        }
        return url;
    }

    /** Whether the last label is a number (decimal or 0x hex), which makes a host an address to URL parsers. */
    private static boolean looksNumeric(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return last.matches("[0-9]+") || last.matches("0x[0-9a-f]*");
    }

    private static boolean isDottedQuad(String host) {
        return host.matches("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
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
