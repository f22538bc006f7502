package io.basehook.domain.delivery;

/** Why an attempt got no answer at all, or (REJECTED) a refusal from a transport that has no HTTP status. */
public enum AttemptError {
    TIMEOUT("timeout"),
    CONNECTION_REFUSED("refused"),
    BLOCKED_ADDRESS("blocked address"),
    UNKNOWN_HOST("unknown host"),
    TLS("tls"),
    CONNECTION_FAILED("connection failed"),
    REJECTED("rejected");

    private final String label;

    AttemptError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
