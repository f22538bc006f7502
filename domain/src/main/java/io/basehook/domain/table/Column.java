package io.basehook.domain.table;

import io.basehook.domain.cell.CellValue;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.Names;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A column: its key (what cells are stored under), its name (what clients write), its type, and for
 * select types its options. Turns client values into {@link CellValue}s and back.
 */
public record Column(ColumnKey key, String name, ColumnType type, List<SelectOption> options) {

    public static final int MAX_TEXT = 10_000;
    public static final int MAX_LONG_TEXT = 100_000;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"<>,;]+@[^\\s@\"<>,;]+\\.[^\\s@\"<>,;.]+");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);

    public Column {
        Objects.requireNonNull(key);
        name = Names.require(name, "name");
        Objects.requireNonNull(type);
        options = options == null ? List.of() : List.copyOf(options);
        if (!type.isSelect() && !options.isEmpty()) {
            throw BasehookException.invalid("invalid_option", "options", "only select columns have options");
        }
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (SelectOption option : options) {
            if (!ids.add(option.id())) {
                throw BasehookException.invalid("invalid_option", "options", "option id '" + option.id() + "' is used twice");
            }
            if (!names.add(option.name())) {
                throw BasehookException.invalid("invalid_option", "options", "option name '" + option.name() + "' is used twice");
            }
        }
    }

    public Optional<SelectOption> optionById(String id) {
        return options.stream().filter(option -> option.id().equals(id)).findFirst();
    }

    public Optional<SelectOption> optionByName(String optionName) {
        return options.stream().filter(option -> option.name().equals(optionName)).findFirst();
    }

    /**
     * A client's value for this column as a cell, or null for an empty cell ({@code null}, {@code ""}, {@code []}).
     *
     * @throws BasehookException {@code invalid_cell_value} naming this column
     */
    public CellValue parse(Object raw) {
        if (raw == null || "".equals(raw)) {
            return null;
        }
        return switch (type) {
            case TEXT -> text(raw, MAX_TEXT);
            case LONG_TEXT -> text(raw, MAX_LONG_TEXT);
            case NUMBER -> number(raw);
            case CHECKBOX -> {
                if (raw instanceof Boolean bool) {
                    // a checkbox has two states: unticked is the empty cell, so false and null are one value
                    yield bool ? new CellValue.Checkbox(true) : null;
                }
                throw invalid("expects true or false");
            }
            case DATE -> date(raw);
            case SINGLE_SELECT -> {
                String optionName = string(raw, "expects an option name");
                yield optionName.isEmpty() ? null : new CellValue.Option(optionNamed(optionName).id());
            }
            case MULTIPLE_SELECT -> multipleSelect(raw);
            case EMAIL -> email(raw);
            case URL -> url(raw);
        };
    }

    /** A cell as clients see it: strings, numbers, booleans, option names; an unticked checkbox is false. */
    public Object render(CellValue value) {
        if (value == null) {
            return type == ColumnType.CHECKBOX ? Boolean.FALSE : null;
        }
        if (value instanceof CellValue.Text text) {
            return text.value();
        } else if (value instanceof CellValue.Number number) {
            return number.value();
        } else if (value instanceof CellValue.Checkbox checkbox) {
            return checkbox.value();
        } else if (value instanceof CellValue.Date date) {
            return date.value();
        } else if (value instanceof CellValue.Option option) {
            return optionById(option.optionId()).map(SelectOption::name).orElse(null);
        }
        return ((CellValue.Options) value).optionIds().stream()
                .map(this::optionById).flatMap(Optional::stream).map(SelectOption::name).toList();
    }

    /** The cell as one line of text, as used for a row's name. */
    public String displayText(CellValue value) {
        if (value == null) {
            return "";
        }
        Object rendered = render(value);
        if (rendered == null) {
            return "";
        }
        if (rendered instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (rendered instanceof List<?> names) {
            return String.join(", ", names.stream().map(String::valueOf).toList());
        }
        return rendered.toString();
    }

    /**
     * The value a cell keeps when its column changes from {@code previous} to this definition: select ids
     * that still exist stay, other values are carried over through their client form when this column
     * accepts it, and are cleared when it does not.
     */
    public CellValue adopt(Column previous, CellValue value) {
        if (value == null) {
            return null;
        }
        if (type.isSelect() && previous.type.isSelect()) {
            List<String> ids = value instanceof CellValue.Option option
                    ? List.of(option.optionId()) : ((CellValue.Options) value).optionIds();
            List<String> kept = ids.stream().filter(id -> optionById(id).isPresent()).toList();
            if (kept.isEmpty()) {
                return null;
            }
            return type == ColumnType.SINGLE_SELECT ? new CellValue.Option(kept.get(0)) : new CellValue.Options(kept);
        }
        try {
            return parse(carry(previous.render(value), previous.displayText(value)));
        } catch (BasehookException rejected) {
            return null;
        }
    }

    /** A value in its client form, reshaped for this column's type where a person would expect it to carry. */
    private Object carry(Object rendered, String text) {
        switch (type) {
            case NUMBER:
                if (rendered instanceof BigDecimal) {
                    return rendered;
                }
                try {
                    return new BigDecimal(text.strip());
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            case CHECKBOX:
                if (rendered instanceof Boolean) {
                    return rendered;
                }
                String flag = text.strip().toLowerCase(java.util.Locale.ROOT);
                return flag.equals("true") || flag.equals("yes") || flag.equals("1") || flag.equals("x");
            case MULTIPLE_SELECT:
                List<String> names = rendered instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : java.util.Arrays.stream(text.split(",")).map(String::strip).toList();
                return names.stream().filter(name -> optionByName(name).isPresent()).distinct().toList();
            default:
                return text;
        }
    }

    private SelectOption optionNamed(String optionName) {
        return optionByName(optionName).orElseThrow(() -> invalid("has no option '" + optionName + "'"));
    }

    private CellValue text(Object raw, int maxLength) {
        String text = string(raw, "expects a string");
        if (text.length() > maxLength) {
            throw invalid("is longer than " + maxLength + " characters");
        }
        return text.isEmpty() ? null : new CellValue.Text(text);
    }

    private CellValue number(Object raw) {
        BigDecimal number;
        if (raw instanceof BigDecimal decimal) {
            number = decimal;
        } else if (raw instanceof BigInteger integer) {
            number = new BigDecimal(integer);
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            number = BigDecimal.valueOf(((java.lang.Number) raw).longValue());
        } else if (raw instanceof java.lang.Number other) {
            double value = other.doubleValue();
            if (!Double.isFinite(value)) {
                throw invalid("expects a finite number");
            }
            number = new BigDecimal(Double.toString(value));
        } else {
            throw invalid("expects a number");
        }
        if (number.precision() - number.scale() > 40 || number.scale() > 20) {
            throw invalid("expects a number of at most 40 integer and 20 fraction digits");
        }
        return new CellValue.Number(number);
    }

    private CellValue date(Object raw) {
        String text = string(raw, "expects a date like 2026-11-27 or 2026-11-27T14:30");
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate.parse(text, DATE);
            } else {
                LocalDateTime.parse(text, DATE_TIME);
            }
        } catch (DateTimeParseException e) {
            throw invalid("expects a real date like 2026-11-27 or 2026-11-27T14:30");
        }
        return new CellValue.Date(text);
    }

    private CellValue multipleSelect(Object raw) {
        if (!(raw instanceof List<?> names)) {
            throw invalid("expects an array of option names");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Object element : names) {
            if (!(element instanceof String optionName)) {
                throw invalid("expects an array of option names");
            }
            if (!ids.add(optionNamed(optionName).id())) {
                throw invalid("names option '" + optionName + "' twice");
            }
        }
        return ids.isEmpty() ? null : new CellValue.Options(new ArrayList<>(ids));
    }

    private CellValue email(Object raw) {
        String text = string(raw, "expects an email address");
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > 320 || !EMAIL.matcher(text).matches()) {
            throw invalid("expects an email address like someone@example.com");
        }
        return new CellValue.Text(text);
    }

    private CellValue url(Object raw) {
        String text = string(raw, "expects an http(s) URL");
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw invalid("is longer than " + MAX_TEXT + " characters");
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw invalid("expects an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw invalid("expects an absolute http(s) URL");
        }
        return new CellValue.Text(text);
    }

    private String string(Object raw, String expectation) {
        if (raw instanceof String text) {
            return text;
        }
        throw invalid(expectation);
    }

    private BasehookException invalid(String message) {
        return BasehookException.invalid("invalid_cell_value", name, "column '" + name + "' " + message);
    }
}
