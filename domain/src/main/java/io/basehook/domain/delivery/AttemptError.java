package io.basehook.domain.delivery;

/** Why an attempt got no HTTP answer at all. */
public enum AttemptError {
    TIMEOUT("timeout"),
    CONNECTION_REFUSED("refused"),
    BLOCKED_ADDRESS("blocked address"),
    UNKNOWN_HOST("unknown host"),
    TLS("tls"),
    CONNECTION_FAILED("connection failed");

    private final String label;

    AttemptError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
