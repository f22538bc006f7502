package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSecretTest {

    @Test
    void aGeneratedSecretIsWhsecAndTheBase64Of32Bytes() {
        String secret = WebhookSecret.generate().reveal();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
    }

    @Test
    void everyGeneratedSecretIsNew() {
        assertNotEquals(WebhookSecret.generate(), WebhookSecret.generate());
    }

    @Test
    void aSuppliedSecretIs16To256PrintableCharactersKeptAsGiven() {
        String shortest = "0123456789abcdef";
        assertEquals(shortest, WebhookSecret.supplied(shortest).reveal());
        String longest = "~".repeat(256);
        assertEquals(longest, WebhookSecret.supplied(longest).reveal());
        String punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        assertEquals(punctuation, WebhookSecret.supplied(punctuation).reveal());
    }

    @Test
    void aSuppliedSecretOutsideTheRulesIsInvalidOnTheSecretField() {
        for (String bad : new String[] {null, "", "0123456789abcde", "x".repeat(257), "0123456789 abcdef",
                "0123456789abcdef\t", "0123456789abcdef\n", "0123456789abcdéf", "0123456789abcdef\u007f"}) {
            BasehookException e = assertThrows(BasehookException.class, () -> WebhookSecret.supplied(bad),
                    String.valueOf(bad));
            assertEquals(BasehookException.Kind.INVALID, e.kind());
            assertEquals("invalid_secret", e.code());
            assertEquals("secret", e.errors().get(0).field());
        }
    }

    // Standard Webhooks libraries decode what follows whsec_ as base64; anything else they cannot verify
    @Test
    void aSuppliedWhsecSecretIsTheBase64Of24To64Bytes() {
        for (int bytes : new int[] {24, 32, 64}) {
            String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[bytes]);
            assertEquals(bytes, WebhookSecret.supplied(secret).standardWebhooksKey().length, secret);
        }
        String padded = "whsec_" + Base64.getEncoder().encodeToString(new byte[25]);
        for (String bad : new String[] {"whsec_!!!notbase64!!!", "whsec_not*base64!", "whsec_" + "A".repeat(30),
                "whsec_" + Base64.getEncoder().encodeToString(new byte[23]),
                "whsec_" + Base64.getEncoder().encodeToString(new byte[65]),
                padded.substring(0, padded.length() - 1), "whsec_" + Base64.getUrlEncoder().encodeToString(new byte[] {
                        -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20, -21, -22, -23, -24}),
                "whsec_" + Base64.getEncoder().encodeToString(new byte[32]).replace("=", "")}) {
            BasehookException e = assertThrows(BasehookException.class, () -> WebhookSecret.supplied(bad), bad);
            assertEquals("invalid_secret", e.code());
            assertEquals("secret", e.errors().get(0).field());
            assertTrue(e.errors().get(0).message().contains("base64"), e.errors().get(0).message());
        }
    }

    // After creation a secret is only ever shown masked
    @Test
    void maskedShowsThePrefixAndFourCharactersOrJustFourCharacters() {
        assertEquals("whsec_Ab12…", WebhookSecret.restore("whsec_Ab12cdefghijklmnopqrstuvwxyz0123456789AB=").masked());
        assertEquals("my-s…", WebhookSecret.supplied("my-shared-secret-1").masked());
    }

    @Test
    void toStringNeverRevealsTheSecret() {
        WebhookSecret generated = WebhookSecret.generate();
        assertEquals(generated.masked(), generated.toString());
        assertFalse(generated.toString().contains(generated.reveal().substring(10)));
        WebhookSecret supplied = WebhookSecret.supplied("my-shared-secret-1");
        assertEquals("my-s…", supplied.toString());
    }

    // Standard Webhooks: the key is the base64 after whsec_, not the text
    @Test
    void theStandardWebhooksKeyOfAWhsecSecretIsItsDecodedBase64() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        WebhookSecret secret = WebhookSecret.restore("whsec_" + Base64.getEncoder().encodeToString(key));
        assertArrayEquals(key, secret.standardWebhooksKey());
        assertArrayEquals(secret.reveal().getBytes(StandardCharsets.UTF_8), secret.seaTableKey());
    }

    @Test
    void theStandardWebhooksKeyOfAnyOtherSecretIsItsUtf8() {
        WebhookSecret plain = WebhookSecret.supplied("my-shared-secret-1");
        assertArrayEquals("my-shared-secret-1".getBytes(StandardCharsets.UTF_8), plain.standardWebhooksKey());
        // a stored whsec_ secret from before the base64 rule cannot be decoded, so it signs as text
        WebhookSecret notBase64 = WebhookSecret.restore("whsec_not*base64!");
        assertArrayEquals("whsec_not*base64!".getBytes(StandardCharsets.UTF_8), notBase64.standardWebhooksKey());
    }

    // SeaTable signs with the secret's UTF-8 bytes, whsec_ included
    @Test
    void theSeaTableKeyIsTheUtf8OfTheWholeSecret() {
        WebhookSecret generated = WebhookSecret.generate();
        assertArrayEquals(generated.reveal().getBytes(StandardCharsets.UTF_8), generated.seaTableKey());
        WebhookSecret plain = WebhookSecret.supplied("my-shared-secret-1");
        assertArrayEquals("my-shared-secret-1".getBytes(StandardCharsets.UTF_8), plain.seaTableKey());
    }

    // a rule tightened later must not lock a stored webhook out
    @Test
    void restoreTakesAStoredSecretWithoutCheckingItAgain() {
        assertEquals("short", WebhookSecret.restore("short").reveal());
        assertThrows(NullPointerException.class, () -> WebhookSecret.restore(null));
    }

    @Test
    void secretsAreEqualByValue() {
        assertEquals(WebhookSecret.supplied("my-shared-secret-1"), WebhookSecret.restore("my-shared-secret-1"));
        assertEquals(WebhookSecret.restore("my-shared-secret-1").hashCode(),
                WebhookSecret.supplied("my-shared-secret-1").hashCode());
        assertNotEquals(WebhookSecret.restore("my-shared-secret-1"), WebhookSecret.restore("my-shared-secret-2"));
    }
}
