package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.IdFormat;
import io.basehook.domain.shared.RandomIds;

/** A webhook's id: {@code wh_} and 16 alphanumerics. */
public record WebhookId(String value) {

    private static final IdFormat FORMAT = IdFormat.of("wh_", IdFormat.ALPHANUMERIC, 16);

    public WebhookId {
        if (!FORMAT.matches(value)) { // false for null too
            throw BasehookException.notFound("webhook_not_found", "no webhook with id " + value);
        }
    }

    public static WebhookId random() {
        return new WebhookId("wh_" + RandomIds.alphanumeric(16));
    }

    @Override
    public String toString() {
        return value;
    }
}
