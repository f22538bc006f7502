package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.RandomIds;

import java.util.regex.Pattern;

/** A webhook's id: {@code wh_} and 16 alphanumerics. */
public record WebhookId(String value) {

    private static final Pattern FORMAT = Pattern.compile("wh_[A-Za-z0-9]{16}");

    public WebhookId {
        if (value == null || !FORMAT.matcher(value).matches()) {
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
