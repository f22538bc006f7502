package io.basehook.domain.table;

/** An option as a client describes it: {@code id} null for a new option, {@code color} null for the default. */
public record OptionSpec(String id, String name, String color) {
}
