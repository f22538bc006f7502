package io.basehook.bootstrap;

import java.time.Duration;

/** The checks the configuration records make at start, each failing with the key and what is wrong with it. */
final class Settings {

    private Settings() {
    }

    static void positive(String key, long value) {
        if (value < 1) {
            throw invalid(key, value, "must be at least 1");
        }
    }

    static void notNegative(String key, long value) {
        if (value < 0) {
            throw invalid(key, value, "must not be negative");
        }
    }

    static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw invalid(key, value, "must be a positive duration, like 500ms, 15s, 5m, 2h or 5d");
        }
    }

    static void notNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw invalid(key, value, "must not be negative");
        }
    }

    static IllegalArgumentException invalid(String key, Object value, String problem) {
        return new IllegalArgumentException(key + " = " + value + ": " + problem);
    }
}
