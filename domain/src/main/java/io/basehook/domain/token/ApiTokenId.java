package io.basehook.domain.token;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.IdFormat;
import io.basehook.domain.shared.RandomIds;

/** The public id of an API token ({@code tok_} and 16 alphanumerics); never the secret itself. */
public record ApiTokenId(String value) {

    private static final IdFormat FORMAT = IdFormat.of("tok_", IdFormat.ALPHANUMERIC, 16);

    public ApiTokenId {
        if (!FORMAT.matches(value)) { // false for null too
            throw BasehookException.notFound("api_token_not_found", "no API token with id " + value);
        }
    }

    public static ApiTokenId random() {
        return new ApiTokenId("tok_" + RandomIds.alphanumeric(16));
    }

    @Override
    public String toString() {
        return value;
    }
}
