package io.basehook.domain.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * Carries one message to a webhook's receiver and reports the {@link Attempt}, whatever the transport: the product's
 * own adapter posts signed JSON over HTTP; another could publish to a broker or call a function. It must not hold a
 * thread while it waits, and it never completes exceptionally: a timeout, a refused connection or a blocked address
 * is an attempt that failed, with its {@link AttemptError}.
 */
public interface WebhookPort {

    CompletableFuture<Attempt> send(WebhookMessage message);
}
