package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebhookUrlTest {

    @Test
    void absoluteHttpAndHttpsUrlsAreKeptAsWritten() {
        for (String url : new String[] {"https://example.com/hook", "http://example.com", "HTTPS://Example.COM/x?y=1",
                "https://example.com:8443/a/b?c=d&e=f", "http://10.0.0.1/hook", "http://[2001:db8::1]:8080/"}) {
            assertEquals(url, new WebhookUrl(url).value());
        }
    }

    @Test
    void hostIsTheHostAsWrittenWithoutIpv6Brackets() {
        assertEquals("example.com", new WebhookUrl("https://example.com:8443/hook").host());
        assertEquals("2001:db8::1", new WebhookUrl("http://[2001:db8::1]:8080/").host());
        assertEquals(URI.create("https://example.com/hook"), new WebhookUrl("https://example.com/hook").toUri());
    }

    @Test
    void anythingElseIsAnInvalidUrlOnTheUrlField() {
        for (String bad : new String[] {null, "", "   ", "example.com/hook", "/hook", "ftp://example.com/",
                "file:///etc/passwd", "javascript:alert(1)", "mailto:a@example.com", "https:///hook", "https://",
                "https://user:pass@example.com/", "https://user@example.com/", "https://example.com/hook#frag",
                "https://exa mple.com/", "http://example.com/%zz"}) {
            BasehookException e = assertThrows(BasehookException.class, () -> new WebhookUrl(bad), String.valueOf(bad));
            assertEquals(BasehookException.Kind.INVALID, e.kind());
            assertEquals("invalid_url", e.code());
            assertEquals("url", e.errors().get(0).field());
        }
    }

    @Test
    void aUrlIsAtMost2048Characters() {
        String prefix = "https://example.com/";
        String longest = prefix + "a".repeat(WebhookUrl.MAX_LENGTH - prefix.length());
        assertEquals(longest, new WebhookUrl(longest).value());
        assertThrows(BasehookException.class, () -> new WebhookUrl(longest + "a"));
    }
}
