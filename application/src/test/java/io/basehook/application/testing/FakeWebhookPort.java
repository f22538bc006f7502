package io.basehook.application.testing;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link WebhookPort} with every request left in flight until the test answers it by hand, so a test
 * decides when (and in which order) attempts finish. Used from the test's thread only.
 */
public final class FakeWebhookPort implements WebhookPort {

    /** One request as the dispatcher sent it, and the future the test completes. */
    public record Request(WebhookUrl url, EventId eventId, String payload, List<WebhookSecret> secrets,
                   CompletableFuture<Attempt> answer) {

        public void answer(Attempt attempt) {
            answer.complete(attempt);
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private Attempt immediate;
    private RuntimeException thrown;

    @Override
    public CompletableFuture<Attempt> send(WebhookMessage message) {
        if (thrown != null) {
            throw thrown;
        }
        CompletableFuture<Attempt> answer = immediate == null ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(immediate);
        requests.add(new Request(message.target(), message.eventId(), message.payload(), message.secrets(), answer));
        return answer;
    }

    /** From now on every request is answered before {@code send} returns, as a refused address is. */
    public void answerAtOnce(Attempt attempt) {
        immediate = attempt;
    }

    /** From now on {@code send} throws instead of answering: an adapter that breaks the port's promise. */
    public void throwOnSend(RuntimeException exception) {
        thrown = exception;
    }

    public List<Request> requests() {
        return requests;
    }

    public Request request(int index) {
        return requests.get(index);
    }
}
