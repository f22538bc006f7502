package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    // the sender reads a host as a name unless it is a canonical literal; a number-shaped name resolves nowhere
    @Test
    void aSuppliedHostThatLooksNumericMustBeFourDecimalNumbers() {
        for (String good : new String[] {"http://127.0.0.1/", "http://8.8.8.8:8080/", "http://0.0.0.0/", "http://255.255.255.255/",
                "https://1.2.3.example.com/", "https://example.com./", "http://[::ffff:0:7f00:1]/", "https://3com.example/"}) {
            assertEquals(good, WebhookUrl.supplied(good).value());
        }
        for (String bad : new String[] {"http://2130706433:8080/", "http://0177.0.0.1/", "http://127.000.000.001/",
                "http://010.0.0.1/", "http://1.2.3.04/", "http://256.1.1.1/", "http://1.2.3.4.5/", "http://1.2.3/",
                "http://example.123/", "http://0x7f000001/", "http://example.0x1f/"}) {
            BasehookException e = assertThrows(BasehookException.class, () -> WebhookUrl.supplied(bad), bad);
            assertEquals("invalid_url", e.code());
            assertEquals("url", e.errors().get(0).field());
        }
    }

    @Test
    void aSuppliedPortIsFrom1To65535() {
        assertEquals("http://example.com:1/", WebhookUrl.supplied("http://example.com:1/").value());
        assertEquals("http://example.com:65535/", WebhookUrl.supplied("http://example.com:65535/").value());
        for (String bad : new String[] {"http://example.com:0/", "http://example.com:65536/", "http://example.com:99999/",
                "http://[2606:4700::1111]:0/"}) {
            BasehookException e = assertThrows(BasehookException.class, () -> WebhookUrl.supplied(bad), bad);
            assertEquals("invalid_url", e.code());
            assertEquals("url", e.errors().get(0).field());
            assertTrue(e.errors().get(0).message().contains("1 to 65535"), e.errors().get(0).message());
        }
    }

    // a rule tightened later must not lock a stored webhook out
    @Test
    void aStoredUrlIsNotCheckedForTheSuppliedRules() {
        assertEquals("http://example.com:0/", new WebhookUrl("http://example.com:0/").value());
        assertEquals("http://2130706433/", new WebhookUrl("http://2130706433/").value());
    }
}
