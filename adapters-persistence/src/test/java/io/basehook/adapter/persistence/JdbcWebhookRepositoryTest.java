package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class JdbcWebhookRepositoryTest extends DatabaseTest {

    @Inject
    WebhookRepository webhooks;
    @Inject
    BaseRepository bases;
    @Inject
    ChangeEventOutbox outbox;
    @Inject
    JdbcDeliveryQueue deliveries;
    @Inject
    TransactionRunner transactions;
    @Inject
    JdbcConnections jdbc;
    @Inject
    BaseEntityRepository baseEntities;
    @Inject
    TransactionOperations<Connection> transactionOperations;

    @Test
    void readsAnInsertedWebhookBackFieldByField() {
        Base base = insertedBase();
        Webhook webhook = Webhook.create(base.id(), new WebhookUrl("https://hooks.example.com/in?token=a%20b&x=✓"),
                WebhookSecret.supplied("my-own-secret-0123456789"), "  Sync to the CRM 😀 ", true, Fixtures.NOW);

        webhooks.insert(webhook);

        assertSame(webhook, webhooks.findById(base.id(), webhook.id()).orElseThrow());
        assertTrue(webhooks.findById(insertedBase().id(), webhook.id()).isEmpty(), "another base does not see it");
        assertTrue(webhooks.findById(base.id(), WebhookId.random()).isEmpty());
    }

    @Test
    void updateSavesUrlDescriptionEnabledRotatedSecretsAndHealth() {
        Base base = insertedBase();
        Webhook webhook = Fixtures.webhook(base.id(), true);
        webhooks.insert(webhook);
        WebhookSecret first = webhook.secret();

        Instant later = Fixtures.NOW.plusSeconds(60);
        webhook.change(new WebhookUrl("https://other.example.org/hook"), "", false, later);
        webhook.rotateSecret(later);
        webhooks.update(webhook);

        Webhook stored = webhooks.findById(base.id(), webhook.id()).orElseThrow();
        assertSame(webhook, stored);
        assertEquals(first, stored.previousSecret());
        assertEquals(later.plus(Webhook.ROTATION_GRACE), stored.previousSecretExpiresAt());

        Webhook failing = Webhook.restore(webhook.id(), base.id(), webhook.url(), "failing", false, true,
                webhook.secret(), null, null, Fixtures.NOW.minusMillis(1), webhook.createdAt(), later.plusMillis(7));
        webhooks.update(failing);

        Webhook storedFailing = webhooks.findById(base.id(), webhook.id()).orElseThrow();
        assertSame(failing, storedFailing);
        assertTrue(storedFailing.autoDisabled());
        assertNull(storedFailing.previousSecret());
    }

    @Test
    void updateOfAnotherBasesWebhookChangesNothing() {
        Base base = insertedBase();
        Webhook webhook = Fixtures.webhook(base.id(), true);
        webhooks.insert(webhook);
        Webhook impostor = Webhook.restore(webhook.id(), insertedBase().id(), webhook.url(), "taken over", false, false,
                webhook.secret(), null, null, null, webhook.createdAt(), webhook.updatedAt());

        webhooks.update(impostor);

        assertEquals("CRM sync", webhooks.findById(base.id(), webhook.id()).orElseThrow().description());
    }

    @Test
    void listsABasesWebhooksInCreationOrder() {
        Base base = insertedBase();
        List<Webhook> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Webhook webhook = Fixtures.webhook(base.id(), i % 2 == 0);
            webhooks.insert(webhook);
            created.add(webhook);
        }
        webhooks.insert(Fixtures.webhook(insertedBase().id(), true));

        assertEquals(ids(created), ids(webhooks.findByBase(base.id())));
        assertTrue(webhooks.findByBase(insertedBase().id()).isEmpty());
    }

    @Test
    void findsWebhooksByIdWhateverTheirBase() {
        Webhook one = Fixtures.webhook(insertedBase().id(), true);
        Webhook other = Fixtures.webhook(insertedBase().id(), false);
        webhooks.insert(one);
        webhooks.insert(other);

        Map<WebhookId, Webhook> found = webhooks.findByIds(List.of(one.id(), other.id(), WebhookId.random(), one.id()));

        assertEquals(2, found.size());
        assertSame(one, found.get(one.id()));
        assertSame(other, found.get(other.id()));
        assertTrue(webhooks.findByIds(List.of()).isEmpty());
    }

    @Test
    void deletingAWebhookTakesItsDeliveriesAndOnlyThose() {
        Base base = insertedBase();
        Webhook doomed = Fixtures.webhook(base.id(), true);
        Webhook kept = Fixtures.webhook(base.id(), true);
        webhooks.insert(doomed);
        webhooks.insert(kept);
        appendEventsAndEnqueue(base, 3);
        assertEquals(3, deliveriesOf(doomed.id()));

        assertTrue(webhooks.delete(base.id(), doomed.id()));

        assertTrue(webhooks.findById(base.id(), doomed.id()).isEmpty());
        assertEquals(0, deliveriesOf(doomed.id()));
        assertEquals(3, deliveriesOf(kept.id()));
        assertFalse(webhooks.delete(base.id(), doomed.id()), "it is gone already");
        assertFalse(webhooks.delete(insertedBase().id(), kept.id()), "another base cannot delete it");
        assertTrue(webhooks.findById(base.id(), kept.id()).isPresent());
    }

    @Test
    void deletingTheBaseTakesItsWebhooksAndTheirDeliveries() {
        Base base = insertedBase();
        Webhook webhook = Fixtures.webhook(base.id(), true);
        webhooks.insert(webhook);
        appendEventsAndEnqueue(base, 2);

        bases.delete(base.id());

        assertTrue(webhooks.findByIds(List.of(webhook.id())).isEmpty());
        assertEquals(0, deliveriesOf(webhook.id()));
    }

    // the webhooks from this instance's cache: a write reads them at the base's webhooks revision, under its lock

    @Test
    void aWriteToABaseWhoseWebhooksAreUnchangedGetsThemFromTheCacheAndAnUnlockedReadFromTheDatabase() {
        Base base = insertedBase();
        Webhook webhook = Fixtures.webhook(base.id(), true);
        webhooks.insert(webhook);
        assertSame(webhook, lockedList(base).get(0)); // read once with the lock: now cached

        describeBehindTheRepositorysBack(webhook, "changed behind its back"); // no revision raised: not a real change

        assertEquals(webhook.description(), lockedList(base).get(0).description());
        assertEquals("changed behind its back", webhooks.findByBase(base.id()).get(0).description());
        assertEquals("changed behind its back", transactions.inTransaction(
                () -> webhooks.findByBase(base.id()).get(0).description())); // a transaction without the lock
    }

    @Test
    void everyChangeOfAWebhookByAnyInstanceIsSeenByTheNextWrite() {
        Base base = insertedBase();
        Webhook first = Fixtures.webhook(base.id(), true);
        webhooks.insert(first);
        assertEquals(1, lockedList(base).size());
        WebhookRepository otherInstance = new JdbcWebhookRepository(jdbc, baseEntities,
                new StructureCache(transactionOperations));

        Webhook second = Fixtures.webhook(base.id(), true);
        inLockedBase(base, () -> otherInstance.insert(second));
        assertEquals(ids(List.of(first, second)), ids(lockedList(base)));

        inLockedBase(base, () -> {
            Webhook changed = otherInstance.lockById(base.id(), first.id()).orElseThrow();
            changed.change(new WebhookUrl("https://moved.example.com/hook"), null, false, Fixtures.NOW.plusSeconds(1));
            otherInstance.update(changed);
        });
        Webhook seen = lockedList(base).get(0);
        assertEquals("https://moved.example.com/hook", seen.url().value());
        assertFalse(seen.enabled());

        inLockedBase(base, () -> {
            Webhook rotated = otherInstance.lockById(base.id(), second.id()).orElseThrow();
            rotated.rotateSecret(Fixtures.NOW.plusSeconds(2));
            otherInstance.update(rotated);
        });
        Webhook afterRotation = lockedList(base).get(1);
        assertEquals(second.secret().reveal(), reveal(afterRotation.previousSecret()), "signs with both for a while");

        inLockedBase(base, () -> otherInstance.delete(base.id(), first.id()));
        assertEquals(ids(List.of(second)), ids(lockedList(base)));

        webhooks.delete(base.id(), second.id()); // and this instance's own change
        assertTrue(lockedList(base).isEmpty());
    }

    @Test
    void aTransactionThatChangesAWebhookReadsItsOwnChangeAndEachReadGetsItsOwnObject() {
        Base base = insertedBase();
        Webhook webhook = Fixtures.webhook(base.id(), true);
        webhooks.insert(webhook);
        lockedList(base);

        String inTheSameTransaction = transactions.inTransaction(() -> {
            bases.lockById(base.id());
            Webhook read = webhooks.findByBase(base.id()).get(0);
            read.change(null, "renamed", null, Fixtures.NOW.plusSeconds(1));
            webhooks.update(read);
            return webhooks.findByBase(base.id()).get(0).description();
        });
        assertEquals("renamed", inTheSameTransaction);

        Webhook locked = lockedList(base).get(0);
        locked.change(null, "changed on the object only", false, Fixtures.NOW.plusSeconds(2));
        Webhook again = lockedList(base).get(0);
        assertEquals("renamed", again.description());
        assertTrue(again.enabled());
    }

    private List<Webhook> lockedList(Base base) {
        return transactions.inTransaction(() -> {
            bases.lockById(base.id());
            return webhooks.findByBase(base.id());
        });
    }

    /** As the webhook use cases change a webhook: in a transaction that locks its base first. */
    private void inLockedBase(Base base, Runnable change) {
        transactions.inTransaction(() -> {
            bases.lockById(base.id());
            change.run();
            return null;
        });
    }

    private void describeBehindTheRepositorysBack(Webhook webhook, String description) {
        jdbc.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bh_webhook SET description = ? WHERE id = ?")) {
                update.setString(1, description);
                update.setString(2, webhook.id().value());
                return update.executeUpdate();
            }
        });
    }

    private void appendEventsAndEnqueue(Base base, int count) {
        transactions.inTransaction(() -> {
            bases.lockById(base.id()).orElseThrow();
            long first = outbox.reserveSeqs(base.id(), count);
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(Fixtures.event(base.id(), first + i));
            }
            outbox.append(events);
            return deliveries.enqueue(base.id(), first, first + count - 1, Fixtures.NOW);
        });
    }

    private int deliveriesOf(WebhookId webhookId) {
        return jdbc.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM bh_delivery WHERE webhook_id = ?")) {
                select.setString(1, webhookId.value());
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    return result.getInt(1);
                }
            }
        });
    }

    private Base insertedBase() {
        Base base = Base.create("Hooks", Fixtures.NOW);
        bases.insert(base);
        return base;
    }

    private static List<WebhookId> ids(List<Webhook> list) {
        return list.stream().map(Webhook::id).toList();
    }

    /** Webhook has no equals (it is an entity): compare what storage must keep. */
    private static void assertSame(Webhook expected, Webhook actual) {
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
