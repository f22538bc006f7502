package io.basehook.domain.webhook;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookTest {

    private static final BaseId BASE = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
    private static final WebhookUrl URL = new WebhookUrl("https://example.com/hook");
    private static final WebhookUrl OTHER_URL = new WebhookUrl("https://other.example/hook");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T14:30:00Z");
    private static final WebhookSecret SUPPLIED = WebhookSecret.supplied("my-shared-secret-1");

    /** A stored webhook, as the repository would give it back. */
    private static Webhook stored(boolean enabled, boolean autoDisabled, Instant failingSince) {
        return Webhook.restore(WebhookId.random(), BASE, URL, "CRM sync", enabled, autoDisabled, SUPPLIED, null, null,
                failingSince, CREATED, CREATED);
    }

    @Test
    void createWithoutASecretGeneratesOne() {
        Webhook webhook = Webhook.create(BASE, URL, null, " CRM sync ", true, NOW);
        assertTrue(webhook.secret().reveal().startsWith("whsec_"));
        assertTrue(webhook.id().value().startsWith("wh_"));
        assertEquals(BASE, webhook.baseId());
        assertEquals(URL, webhook.url());
        assertEquals("CRM sync", webhook.description());
        assertTrue(webhook.enabled());
        assertFalse(webhook.autoDisabled());
        assertNull(webhook.failingSince());
        assertNull(webhook.previousSecret());
        assertEquals(NOW, webhook.createdAt());
        assertEquals(NOW, webhook.updatedAt());
        assertEquals(List.of(webhook.secret()), webhook.signingSecrets(NOW));
    }

    @Test
    void createKeepsASuppliedSecretAndMayStartDisabled() {
        Webhook webhook = Webhook.create(BASE, URL, SUPPLIED, null, false, NOW);
        assertSame(SUPPLIED, webhook.secret());
        assertFalse(webhook.enabled());
        assertEquals("", webhook.description());
    }

    @Test
    void everyCreatedWebhookHasItsOwnIdAndSecret() {
        Webhook first = Webhook.create(BASE, URL, null, null, true, NOW);
        Webhook second = Webhook.create(BASE, URL, null, null, true, NOW);
        assertNotEquals(first.id(), second.id());
        assertNotEquals(first.secret(), second.secret());
    }

    @Test
    void aDescriptionIsAtMost1000Characters() {
        String longest = "d".repeat(Webhook.MAX_DESCRIPTION);
        assertEquals(longest, Webhook.create(BASE, URL, null, longest, true, NOW).description());
        BasehookException e = assertThrows(BasehookException.class,
                () -> Webhook.create(BASE, URL, null, longest + "d", true, NOW));
        assertEquals("invalid_description", e.code());
        Webhook webhook = stored(true, false, null);
        assertThrows(BasehookException.class, () -> webhook.change(null, longest + "d", null, NOW));
        assertEquals("CRM sync", webhook.description());
    }

    @Test
    void changeChangesWhatIsGivenAndKeepsWhatIsNull() {
        Webhook webhook = stored(true, false, null);
        webhook.change(OTHER_URL, null, null, NOW);
        assertEquals(OTHER_URL, webhook.url());
        assertEquals("CRM sync", webhook.description());
        assertTrue(webhook.enabled());
        assertEquals(NOW, webhook.updatedAt());

        webhook.change(null, " ERP ", null, NOW.plusSeconds(1));
        assertEquals(OTHER_URL, webhook.url());
        assertEquals("ERP", webhook.description());

        webhook.change(null, null, false, NOW.plusSeconds(2));
        assertFalse(webhook.enabled());
        assertEquals("ERP", webhook.description());
        assertEquals(SUPPLIED, webhook.secret());
        assertEquals(CREATED, webhook.createdAt());
    }

    // enabled=true revives an auto-disabled webhook, and its failure clock starts afresh
    @Test
    void enablingAnAutoDisabledWebhookClearsFailingSinceAndAutoDisabled() {
        Webhook webhook = stored(false, true, NOW.minus(Duration.ofDays(6)));
        webhook.change(null, null, true, NOW);
        assertTrue(webhook.enabled());
        assertFalse(webhook.autoDisabled());
        assertNull(webhook.failingSince());
    }

    // a PATCH that repeats enabled=true must not hide that the endpoint is still failing
    @Test
    void enablingAnEnabledWebhookKeepsItsFailingSince() {
        Instant failingSince = NOW.minus(Duration.ofDays(1));
        Webhook webhook = stored(true, false, failingSince);
        webhook.change(null, null, true, NOW);
        assertEquals(failingSince, webhook.failingSince());
    }

    // once a person decides, the webhook is no longer Basehook's doing
    @Test
    void disablingByHandIsNotAnAutoDisable() {
        Webhook webhook = stored(false, true, NOW.minus(Duration.ofDays(6)));
        webhook.change(null, null, false, NOW);
        assertFalse(webhook.enabled());
        assertFalse(webhook.autoDisabled());
    }

    @Test
    void rotateSecretReturnsANewGeneratedSecretAndKeepsThePreviousFor24Hours() {
        Webhook webhook = stored(true, false, null);
        WebhookSecret rotated = webhook.rotateSecret(NOW);

        assertNotEquals(SUPPLIED, rotated);
        assertTrue(rotated.reveal().startsWith("whsec_"));
        assertEquals(rotated, webhook.secret());
        assertEquals(SUPPLIED, webhook.previousSecret());
        assertEquals(NOW.plus(Duration.ofHours(24)), webhook.previousSecretExpiresAt());
        assertEquals(NOW, webhook.updatedAt());
    }

    // During a rotation both signatures are sent, the new one first
    @Test
    void thePreviousSecretSignsUntil24HoursAfterTheRotationThenOnlyTheNewOne() {
        Webhook webhook = stored(true, false, null);
        assertEquals(List.of(SUPPLIED), webhook.signingSecrets(NOW));
        WebhookSecret rotated = webhook.rotateSecret(NOW);

        assertEquals(List.of(rotated, SUPPLIED), webhook.signingSecrets(NOW));
        assertEquals(List.of(rotated, SUPPLIED), webhook.signingSecrets(NOW.plus(Duration.ofHours(24)).minusNanos(1)));
        assertEquals(List.of(rotated), webhook.signingSecrets(NOW.plus(Duration.ofHours(24))));
        assertEquals(List.of(rotated), webhook.signingSecrets(NOW.plus(Duration.ofDays(30))));
    }

    // two rotations in a row: the secret given out first is gone, the one in between signs beside the newest
    @Test
    void aSecondRotationReplacesThePreviousSecret() {
        Webhook webhook = stored(true, false, null);
        WebhookSecret first = webhook.rotateSecret(NOW);
        WebhookSecret second = webhook.rotateSecret(NOW.plus(Duration.ofHours(1)));
        assertEquals(List.of(second, first), webhook.signingSecrets(NOW.plus(Duration.ofHours(2))));
        assertEquals(List.of(second), webhook.signingSecrets(NOW.plus(Duration.ofHours(25))));
    }

    @Test
    void restoreGivesBackEveryField() {
        WebhookId id = WebhookId.random();
        WebhookSecret previous = WebhookSecret.generate();
        Instant expires = NOW.plus(Duration.ofHours(3));
        Webhook webhook = Webhook.restore(id, BASE, URL, "d", false, true, SUPPLIED, previous, expires, CREATED,
                CREATED, NOW);
        assertEquals(id, webhook.id());
        assertFalse(webhook.enabled());
        assertTrue(webhook.autoDisabled());
        assertEquals(previous, webhook.previousSecret());
        assertEquals(expires, webhook.previousSecretExpiresAt());
        assertEquals(CREATED, webhook.failingSince());
        assertEquals(NOW, webhook.updatedAt());
        assertEquals(List.of(SUPPLIED, previous), webhook.signingSecrets(NOW));
    }

    @Test
    void aWebhookIdIsWhAnd16Alphanumerics() {
        assertTrue(WebhookId.random().value().matches("wh_[A-Za-z0-9]{16}"));
        assertEquals("wh_0123456789abcdef", new WebhookId("wh_0123456789abcdef").toString());
        for (String bad : new String[] {null, "", "wh_0123456789abcde", "wh_0123456789abcdef0", "xx_0123456789abcdef",
                "wh_0123456789abcde-"}) {
            BasehookException e = assertThrows(BasehookException.class, () -> new WebhookId(bad), String.valueOf(bad));
            assertEquals("webhook_not_found", e.code());
        }
    }
}
