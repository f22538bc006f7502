package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.Names;

import java.util.regex.Pattern;

/** One choice of a select column; cells refer to it by {@code id}, people by {@code name}. */
public record SelectOption(String id, String name, String color) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    public static final String DEFAULT_COLOR = "#E5E5E5";

    public SelectOption {
        if (id == null || !ID.matcher(id).matches()) {
            throw BasehookException.invalid("invalid_option", "options.id", "an option id is 1 to 32 of [A-Za-z0-9_-]");
        }
        name = Names.require(name, "options.name");
        if (color == null) {
            color = DEFAULT_COLOR;
        } else if (!COLOR.matcher(color).matches()) {
            throw BasehookException.invalid("invalid_option", "options.color", "an option color is #RRGGBB");
        }
    }
}
