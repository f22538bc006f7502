package io.basehook.application.port.out;

import io.basehook.domain.webhook.WebhookUrl;

/** SSRF: whether a webhook may point at a host, judged on the addresses it resolves to. */
public interface WebhookTargetPolicy {

    /** @throws io.basehook.domain.shared.BasehookException {@code blocked_address} (400) when it may not */
    void requireAllowed(WebhookUrl url);
}
