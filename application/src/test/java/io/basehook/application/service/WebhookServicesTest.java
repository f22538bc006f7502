package io.basehook.application.service;

import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.application.port.in.CreateWebhookCommand;
import io.basehook.application.port.in.UpdateWebhookCommand;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.row.EventId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.HOOK_SECRET;
import static io.basehook.application.service.Fixture.HOOK_URL;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.OTHER_BASE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Webhooks, their limits and SSRF, over mocked ports. Configuration: no use case here emits an event. */
class WebhookServicesTest {

    private static final WebhookUrl NEW_URL = new WebhookUrl("https://other.example/hook");

    private final Fixture fixture = new Fixture();

    private Webhook create(String url, String secret, Boolean enabled) {
        return fixture.createWebhook().createWebhook(new CreateWebhookCommand(BOT, BASE_ID, url, secret, "CRM sync",
                enabled));
    }

    private Webhook update(WebhookId id, String url, String description, Boolean enabled) {
        return fixture.updateWebhook().updateWebhook(new UpdateWebhookCommand(BOT, BASE_ID, id, url, description, enabled));
    }

    private void givenWebhookCount(int count) {
        List<Webhook> existing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            existing.add(Webhook.create(BASE_ID, HOOK_URL, null, null, true, NOW));
        }
        when(fixture.webhooks.findByBase(BASE_ID)).thenReturn(existing);
    }

    private static BasehookException blocked() {
        return BasehookException.invalid("blocked_address", "url", "example.com resolves to a private address");
    }

    // DNS can be slow: it must not run while the base is locked
    @Test
    void createChecksTheUrlBeforeLockingThenCountsAndInserts() {
        Webhook created = create("https://example.com/hook", null, null);

        InOrder order = inOrder(fixture.targets, fixture.transactions, fixture.bases, fixture.webhooks);
        order.verify(fixture.targets).requireAllowed(HOOK_URL);
        order.verify(fixture.transactions).inTransaction(any());
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.webhooks).findByBase(BASE_ID);
        order.verify(fixture.webhooks).insert(created);
        order.verify(fixture.transactions).commit();
        assertEquals(BASE_ID, created.baseId());
        assertEquals(HOOK_URL, created.url());
        assertEquals("CRM sync", created.description());
        assertEquals(NOW, created.createdAt());
    }

    @Test
    void createGeneratesASecretWhenNoneIsGivenAndEnablesByDefault() {
        Webhook created = create("https://example.com/hook", null, null);
        assertTrue(created.secret().reveal().startsWith("whsec_"));
        assertTrue(created.enabled());
    }

    @Test
    void createTakesASuppliedSecretAndMayStartDisabled() {
        Webhook created = create("https://example.com/hook", "my-shared-secret-1", false);
        assertEquals(HOOK_SECRET, created.secret());
        assertFalse(created.enabled());
    }

    // 20 webhooks per base
    @Test
    void theTwentiethWebhookIsAcceptedTheTwentyFirstRefused() {
        givenWebhookCount(19);
        create("https://example.com/hook", null, null);

        Fixture full = new Fixture();
        when(full.webhooks.findByBase(BASE_ID)).thenReturn(Collections.nCopies(20,
                Webhook.create(BASE_ID, HOOK_URL, null, null, true, NOW)));
        BasehookException e = assertThrows(BasehookException.class, () -> full.createWebhook().createWebhook(
                new CreateWebhookCommand(BOT, BASE_ID, "https://example.com/hook", null, null, null)));
        assertEquals(BasehookException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals("too_many_webhooks", e.code());
        verify(full.webhooks, never()).insert(any());
        verify(full.transactions).rollback();
    }

    @Test
    void aLowerConfiguredLimitIsHonoured() {
        givenWebhookCount(2);
        CreateWebhookService service = new CreateWebhookService(fixture.lookup, fixture.webhooks, fixture.targets,
                fixture.transactions, new Limits(1000, 500, 2, 1000), fixture.clock);
        BasehookException e = assertThrows(BasehookException.class, () -> service.createWebhook(
                new CreateWebhookCommand(ADMIN, BASE_ID, "https://example.com/hook", null, null, null)));
        assertEquals("too_many_webhooks", e.code());
    }

    // A blocked target is a 400 when the webhook is saved, and nothing is saved
    @Test
    void aBlockedAddressIsRefusedAndNothingIsInserted() {
        doThrow(blocked()).when(fixture.targets).requireAllowed(HOOK_URL);

        BasehookException e = assertThrows(BasehookException.class, () -> create("https://example.com/hook", null, null));

        assertEquals("blocked_address", e.code());
        verify(fixture.transactions, never()).inTransaction(any());
        verify(fixture.webhooks, never()).insert(any());
        verifyNoInteractions(fixture.bases);
    }

    @Test
    void aMalformedUrlOrSecretIsInvalidBeforeAnyPortIsAsked() {
        BasehookException badUrl = assertThrows(BasehookException.class, () -> create("ftp://example.com/", null, null));
        assertEquals("invalid_url", badUrl.code());
        BasehookException badSecret = assertThrows(BasehookException.class,
                () -> create("https://example.com/hook", "too short", null));
        assertEquals("invalid_secret", badSecret.code());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void createOnAMissingBaseIsNotFound() {
        BasehookException e = assertThrows(BasehookException.class, () -> fixture.createWebhook().createWebhook(
                new CreateWebhookCommand(ADMIN, OTHER_BASE_ID, "https://example.com/hook", null, null, null)));
        assertEquals("base_not_found", e.code());
        verify(fixture.webhooks, never()).insert(any());
    }

    @Test
    void updateChecksANewUrlBeforeLockingAndSavesTheChange() {
        Webhook webhook = fixture.givenWebhook(true);

        Webhook updated = update(webhook.id(), NEW_URL.value(), "ERP", null);

        InOrder order = inOrder(fixture.targets, fixture.transactions, fixture.bases, fixture.webhooks);
        order.verify(fixture.targets).requireAllowed(NEW_URL);
        order.verify(fixture.transactions).inTransaction(any());
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.webhooks).update(webhook);
        order.verify(fixture.transactions).commit();
        assertEquals(NEW_URL, updated.url());
        assertEquals("ERP", updated.description());
        assertEquals(NOW, updated.updatedAt());
    }

    @Test
    void updateWithoutAUrlDoesNotAskThePolicy() {
        Webhook webhook = fixture.givenWebhook(true);
        update(webhook.id(), null, "ERP", null);
        verifyNoInteractions(fixture.targets);
    }

    @Test
    void updateToABlockedUrlIsRefusedAndNothingIsSaved() {
        Webhook webhook = fixture.givenWebhook(true);
        doThrow(blocked()).when(fixture.targets).requireAllowed(NEW_URL);

        BasehookException e = assertThrows(BasehookException.class, () -> update(webhook.id(), NEW_URL.value(), null, null));

        assertEquals("blocked_address", e.code());
        verify(fixture.webhooks, never()).update(any());
        assertEquals(HOOK_URL, webhook.url());
    }

    // enabled=true revives a disabled webhook; what waited for it is sent now
    @Test
    void enablingADisabledWebhookResumesItsDeliveriesAndWakesTheLoopAfterCommit() {
        Webhook webhook = fixture.givenWebhook(false);

        Webhook updated = update(webhook.id(), null, null, true);

        assertTrue(updated.enabled());
        assertFalse(updated.autoDisabled());
        assertNull(updated.failingSince());
        InOrder order = inOrder(fixture.webhooks, fixture.deliveries, fixture.transactions, fixture.wakeup);
        order.verify(fixture.webhooks).update(webhook);
        order.verify(fixture.deliveries).resume(webhook.id(), NOW);
        order.verify(fixture.transactions).commit();
        order.verify(fixture.wakeup).wake();
    }

    @Test
    void repeatingEnabledNeitherResumesNorParksNorWakes() {
        Webhook enabled = fixture.givenWebhook(true);
        update(enabled.id(), null, null, true);
        assertTrue(enabled.enabled());
        verify(fixture.webhooks).update(enabled);
        verifyNoInteractions(fixture.deliveries, fixture.wakeup);
    }

    // a disabled webhook's due backlog must not stay at the head of the due index, where claims would park it a
    // turn's worth at a time while other webhooks' new lanes wait behind it
    @Test
    void disablingParksWhatIsDueOfItAfterCommitAndNeitherResumesNorWakes() {
        Webhook enabled = fixture.givenWebhook(true);

        update(enabled.id(), null, null, false);

        assertFalse(enabled.enabled());
        InOrder order = inOrder(fixture.webhooks, fixture.transactions, fixture.deliveries);
        order.verify(fixture.webhooks).update(enabled);
        order.verify(fixture.transactions).commit();
        order.verify(fixture.deliveries).parkDue(enabled.id(), NOW);
        verify(fixture.deliveries, never()).resume(any(), any());
        verifyNoInteractions(fixture.wakeup);
    }

    @Test
    void disablingAgainParksNothingMore() {
        Webhook disabled = fixture.givenWebhook(false);
        update(disabled.id(), null, null, false);
        verify(fixture.webhooks).update(disabled);
        verifyNoInteractions(fixture.deliveries);
    }

    @Test
    void aFailedUpdateDoesNotWake() {
        Webhook webhook = fixture.givenWebhook(false);
        doThrow(new IllegalStateException("connection lost")).when(fixture.deliveries).resume(any(), any());

        assertThrows(IllegalStateException.class, () -> update(webhook.id(), null, null, true));

        verify(fixture.transactions).rollback();
        verifyNoInteractions(fixture.wakeup);
    }

    @Test
    void updateOfAMissingWebhookIsNotFound() {
        BasehookException e = assertThrows(BasehookException.class, () -> update(WebhookId.random(), null, "x", null));
        assertEquals("webhook_not_found", e.code());
        verify(fixture.webhooks, never()).update(any());
    }

    @Test
    void deleteDeletesUnderTheBaseLock() {
        Webhook webhook = fixture.givenWebhook(true);

        fixture.deleteWebhook().deleteWebhook(BOT, BASE_ID, webhook.id());

        InOrder order = inOrder(fixture.bases, fixture.webhooks, fixture.transactions);
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.webhooks).delete(BASE_ID, webhook.id());
        order.verify(fixture.transactions).commit();
    }

    @Test
    void deleteOfAMissingWebhookIsNotFound() {
        WebhookId missing = WebhookId.random();
        BasehookException e = assertThrows(BasehookException.class,
                () -> fixture.deleteWebhook().deleteWebhook(BOT, BASE_ID, missing));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("webhook_not_found", e.code());
    }

    // The old secret still signs for 24 h, so receivers can switch without losing a request
    @Test
    void rotateReturnsANewSecretAndSavesThePreviousBesideIt() {
        Webhook webhook = fixture.givenWebhook(true);

        WebhookSecret rotated = fixture.rotateWebhookSecret().rotateWebhookSecret(BOT, BASE_ID, webhook.id());

        assertNotEquals(HOOK_SECRET, rotated);
        ArgumentCaptor<Webhook> saved = ArgumentCaptor.forClass(Webhook.class);
        verify(fixture.webhooks).update(saved.capture());
        assertEquals(rotated, saved.getValue().secret());
        assertEquals(HOOK_SECRET, saved.getValue().previousSecret());
        assertEquals(NOW.plus(Duration.ofHours(24)), saved.getValue().previousSecretExpiresAt());
        assertEquals(List.of(rotated, HOOK_SECRET), saved.getValue().signingSecrets(NOW));
        verify(fixture.transactions).commit();
    }

    @Test
    void rotateOfAMissingWebhookIsNotFound() {
        BasehookException e = assertThrows(BasehookException.class,
                () -> fixture.rotateWebhookSecret().rotateWebhookSecret(BOT, BASE_ID, WebhookId.random()));
        assertEquals("webhook_not_found", e.code());
        verify(fixture.webhooks, never()).update(any());
    }

    @Test
    void testSendsAPingSignedWithTheSigningSecretsAndAnswersTheSendersAttempt() {
        Webhook webhook = fixture.givenWebhook(true);
        webhook.rotateSecret(NOW.minus(Duration.ofHours(1)));
        when(fixture.encoder.encodePing(any(), any(), any(), any())).thenReturn("{\"event\":\"ping\"}");
        Attempt answer = Attempt.answered(NOW, Duration.ofMillis(80), Map.of(), 204, Map.of(), "", null);
        when(fixture.sender.send(any())).thenReturn(CompletableFuture.completedFuture(answer));

        Attempt attempt = fixture.testWebhook().testWebhook(BOT, BASE_ID, webhook.id());

        assertSame(answer, attempt);
        ArgumentCaptor<EventId> pinged = ArgumentCaptor.forClass(EventId.class);
        verify(fixture.encoder).encodePing(eq(BASE_ID),
                eq(webhook.id()), pinged.capture(), eq(NOW));
        verify(fixture.sender).send(new WebhookMessage(HOOK_URL, pinged.getValue(), "{\"event\":\"ping\"}",
                List.of(webhook.secret(), HOOK_SECRET)));
        // a ping is no delivery: nothing is queued or logged
        verifyNoInteractions(fixture.deliveries, fixture.outbox);
    }

    @Test
    void testOfAMissingWebhookIsNotFoundAndSendsNothing() {
        BasehookException e = assertThrows(BasehookException.class,
                () -> fixture.testWebhook().testWebhook(BOT, BASE_ID, WebhookId.random()));
        assertEquals("webhook_not_found", e.code());
        verifyNoInteractions(fixture.sender, fixture.encoder);
    }

    @Test
    void listAnswersTheBasesWebhooksAndGetOneOfThem() {
        Webhook webhook = fixture.givenWebhook(true);
        assertEquals(List.of(webhook), fixture.listWebhooks().listWebhooks(BOT, BASE_ID));
        assertSame(webhook, fixture.getWebhook().getWebhook(BOT, BASE_ID, webhook.id()));
        verify(fixture.bases).findById(BASE_ID);
    }

    @Test
    void listOnAMissingBaseAndGetOfAMissingWebhookAreNotFound() {
        BasehookException noBase = assertThrows(BasehookException.class,
                () -> fixture.listWebhooks().listWebhooks(ADMIN, OTHER_BASE_ID));
        assertEquals("base_not_found", noBase.code());
        BasehookException noWebhook = assertThrows(BasehookException.class,
                () -> fixture.getWebhook().getWebhook(ADMIN, BASE_ID, WebhookId.random()));
        assertEquals("webhook_not_found", noWebhook.code());
    }

    static Stream<Arguments> configurationChanges() {
        return Stream.of(
                arguments("create", (Consumer<Fixture>) f -> f.createWebhook().createWebhook(
                        new CreateWebhookCommand(BOT, BASE_ID, "https://example.com/hook", null, null, null))),
                arguments("update and enable", (Consumer<Fixture>) f -> f.updateWebhook().updateWebhook(
                        new UpdateWebhookCommand(BOT, BASE_ID, f.givenWebhook(false).id(), NEW_URL.value(), "x", true))),
                arguments("delete", (Consumer<Fixture>) f -> f.deleteWebhook().deleteWebhook(BOT, BASE_ID,
                        f.givenWebhook(true).id())),
                arguments("rotate secret", (Consumer<Fixture>) f -> f.rotateWebhookSecret().rotateWebhookSecret(BOT,
                        BASE_ID, f.givenWebhook(true).id())),
                arguments("test", (Consumer<Fixture>) f -> {
                    Webhook webhook = f.givenWebhook(true);
                    when(f.encoder.encodePing(any(), any(), any(), any())).thenReturn("{}");
                    when(f.sender.send(any())).thenReturn(CompletableFuture.completedFuture(
                            Attempt.answered(NOW, Duration.ZERO, Map.of(), 200, Map.of(), "", null)));
                    f.testWebhook().testWebhook(BOT, BASE_ID, webhook.id());
                }));
    }

    // Creating, changing or deleting a webhook is configuration and sends nothing
    @ParameterizedTest(name = "{0}")
    @MethodSource("configurationChanges")
    void aWebhookUseCaseNeverRecordsOrQueuesAnEvent(String name, Consumer<Fixture> useCase) {
        Fixture f = new Fixture();
        useCase.accept(f);
        verifyNoInteractions(f.outbox);
        verify(f.encoder, never()).encode(any(), anyLong());
        verify(f.deliveries, never()).enqueue(any(), anyLong(), anyLong(), any());
    }
}
