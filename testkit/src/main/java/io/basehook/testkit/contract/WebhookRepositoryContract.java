package io.basehook.testkit.contract;

import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WebhookRepository}: a webhook reads back field by field, secrets and health included; it belongs to its base
 * (another base neither reads, changes nor deletes it) except for {@link WebhookRepository#findByIds}; a base's
 * webhooks list in creation order; every read is a copy of its own; and a write that locks the base sees every change
 * made before it, however the adapter caches them.
 */
public interface WebhookRepositoryContract extends StoreFixture {

    @Test
    default void aWebhookReadsBackFieldByFieldInItsOwnBaseOnly() {
        BaseId base = newBase().id();
        Webhook webhook = Webhook.create(base, new WebhookUrl("https://hooks.example.com/in?token=a%20b&x=✓"),
                WebhookSecret.supplied("my-own-secret-0123456789"), "  Sync to the CRM 😀 ", true, T0);

        inLockedBase(base, () -> webhooks().insert(webhook));

        assertStored(webhook, webhooks().findById(base, webhook.id()).orElseThrow());
        assertStored(webhook, inLockedBase(base, () -> webhooks().lockById(base, webhook.id())).orElseThrow());
        BaseId other = newBase().id();
        assertTrue(webhooks().findById(other, webhook.id()).isEmpty(), "another base does not see it");
        assertTrue(inLockedBase(other, () -> webhooks().lockById(other, webhook.id())).isEmpty());
        assertTrue(webhooks().findById(base, WebhookId.random()).isEmpty());
    }

    @Test
    default void updateSavesUrlDescriptionEnabledRotatedSecretsAndHealth() {
        BaseId base = newBase().id();
        Webhook webhook = newWebhook(base, true);
        WebhookSecret first = webhook.secret();
        Instant later = T0.plusSeconds(60);
        webhook.change(new WebhookUrl("https://other.example.org/hook"), "", false, later);
        webhook.rotateSecret(later);

        inLockedBase(base, () -> webhooks().update(webhook));

        Webhook rotated = webhooks().findById(base, webhook.id()).orElseThrow();
        assertStored(webhook, rotated);
        assertEquals(first.reveal(), rotated.previousSecret().reveal());
        assertEquals(later.plus(Webhook.ROTATION_GRACE), rotated.previousSecretExpiresAt());

        Webhook failing = Webhook.restore(webhook.id(), base, webhook.url(), "failing", false, true, webhook.secret(),
                null, null, T0.minusMillis(1), webhook.createdAt(), later.plusMillis(7));
        inLockedBase(base, () -> webhooks().update(failing));

        Webhook stored = webhooks().findById(base, webhook.id()).orElseThrow();
        assertStored(failing, stored);
        assertTrue(stored.autoDisabled());
        assertEquals(null, stored.previousSecret(), "a secret no longer kept is gone");
    }

    @Test
    default void anotherBaseCannotUpdateOrDeleteAWebhook() {
        BaseId base = newBase().id();
        Webhook webhook = newWebhook(base, true);
        BaseId other = newBase().id();
        Webhook impostor = Webhook.restore(webhook.id(), other, webhook.url(), "taken over", false, false,
                webhook.secret(), null, null, null, webhook.createdAt(), webhook.updatedAt());

        inLockedBase(other, () -> webhooks().update(impostor));
        boolean deleted = inLockedBase(other, () -> webhooks().delete(other, webhook.id()));

        assertFalse(deleted);
        assertStored(webhook, webhooks().findById(base, webhook.id()).orElseThrow());
        assertTrue(webhooks().findByBase(other).isEmpty());
    }

    @Test
    default void aBasesWebhooksListInCreationOrder() {
        BaseId base = newBase().id();
        List<Webhook> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(newWebhook(base, i % 2 == 0));
        }
        newWebhook(newBase().id(), true);

        assertEquals(ids(created), ids(webhooks().findByBase(base)));
        assertEquals(List.of(true, false, true, false, true),
                webhooks().findByBase(base).stream().map(Webhook::enabled).toList());
        assertTrue(webhooks().findByBase(newBase().id()).isEmpty());
    }

    @Test
    default void findByIdsFindsWebhooksWhateverTheirBaseAndLeavesOutMissingOnes() {
        Webhook one = newWebhook(newBase().id(), true);
        Webhook other = newWebhook(newBase().id(), false);

        Map<WebhookId, Webhook> found = webhooks().findByIds(List.of(one.id(), other.id(), WebhookId.random(),
                one.id()));

        assertEquals(2, found.size());
        assertStored(one, found.get(one.id()));
        assertStored(other, found.get(other.id()));
        assertTrue(webhooks().findByIds(List.of()).isEmpty());
    }

    @Test
    default void deleteSaysWhetherTheWebhookExistedAndLeavesTheOthers() {
        BaseId base = newBase().id();
        Webhook doomed = newWebhook(base, true);
        Webhook kept = newWebhook(base, true);

        assertTrue(inLockedBase(base, () -> webhooks().delete(base, doomed.id())));
        assertFalse(inLockedBase(base, () -> webhooks().delete(base, doomed.id())), "it is gone already");

        assertTrue(webhooks().findById(base, doomed.id()).isEmpty());
        assertTrue(webhooks().findByIds(List.of(doomed.id())).isEmpty());
        assertEquals(ids(List.of(kept)), ids(webhooks().findByBase(base)));
    }

    @Test
    default void everyReadIsItsOwnCopy() {
        BaseId base = newBase().id();
        Webhook webhook = newWebhook(base, true);
        webhook.change(null, "changed on the inserted object only", false, T0.plusSeconds(1));

        Webhook read = webhooks().findById(base, webhook.id()).orElseThrow();
        read.change(null, "changed on a read object only", false, T0.plusSeconds(2));
        webhooks().findByBase(base).get(0).rotateSecret(T0.plusSeconds(3));
        webhooks().findByIds(List.of(webhook.id())).get(webhook.id()).change(null, "and here", false, T0);

        Webhook again = webhooks().findById(base, webhook.id()).orElseThrow();
        assertEquals("CRM sync", again.description());
        assertTrue(again.enabled());
        assertEquals(null, again.previousSecret());
    }

    @Test
    default void aWriteThatLocksTheBaseSeesEveryChangeMadeBeforeItAndItsOwn() {
        BaseId base = newBase().id();
        Webhook first = newWebhook(base, true);
        assertEquals(ids(List.of(first)), ids(lockedList(base)));
        Webhook second = newWebhook(base, true);
        assertEquals(ids(List.of(first, second)), ids(lockedList(base)));

        inLockedBase(base, () -> {
            Webhook changed = webhooks().lockById(base, first.id()).orElseThrow();
            changed.change(new WebhookUrl("https://moved.example.com/hook"), null, false, T0.plusSeconds(1));
            webhooks().update(changed);
        });
        Webhook seen = lockedList(base).get(0);
        assertEquals("https://moved.example.com/hook", seen.url().value());
        assertFalse(seen.enabled());

        String inTheSameTransaction = inLockedBase(base, () -> {
            Webhook read = webhooks().findByBase(base).get(1);
            read.change(null, "renamed", null, T0.plusSeconds(2));
            webhooks().update(read);
            return webhooks().findByBase(base).get(1).description();
        });
        assertEquals("renamed", inTheSameTransaction);

        inLockedBase(base, () -> webhooks().delete(base, first.id()));
        assertEquals(ids(List.of(second)), ids(lockedList(base)));
    }

    @Test
    default void deletingTheBaseDeletesItsWebhooks() {
        BaseId base = newBase().id();
        Webhook webhook = newWebhook(base, true);

        inLockedBase(base, () -> bases().delete(base));

        assertTrue(webhooks().findByIds(List.of(webhook.id())).isEmpty());
        assertTrue(webhooks().findByBase(base).isEmpty());
    }

    private List<Webhook> lockedList(BaseId base) {
        return inLockedBase(base, () -> webhooks().findByBase(base));
    }

    private static List<WebhookId> ids(List<Webhook> webhooks) {
        return webhooks.stream().map(Webhook::id).toList();
    }

    /** A webhook is an entity without equals: what a store must keep of it. */
    private static void assertStored(Webhook expected, Webhook actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.baseId(), actual.baseId());
        assertEquals(expected.url(), actual.url());
        assertEquals(expected.description(), actual.description());
        assertEquals(expected.enabled(), actual.enabled());
        assertEquals(expected.autoDisabled(), actual.autoDisabled());
        assertEquals(expected.secret().reveal(), actual.secret().reveal());
        assertEquals(reveal(expected.previousSecret()), reveal(actual.previousSecret()));
        assertEquals(expected.previousSecretExpiresAt(), actual.previousSecretExpiresAt());
        assertEquals(expected.failingSince(), actual.failingSince());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.updatedAt(), actual.updatedAt());
    }

    private static String reveal(WebhookSecret secret) {
        return secret == null ? null : secret.reveal();
    }
}
