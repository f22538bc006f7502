package io.basehook.domain.cell;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A non-empty cell. An empty cell has no value at all (absent from the row), so "cleared" and
 * "never set" are the same. Select values hold option ids, never names, so renaming an option
 * changes no row.
 */
public sealed interface CellValue {

    /** {@code text}, {@code long-text}, {@code email} and {@code url} cells. */
    record Text(String value) implements CellValue {
        public Text {
            Objects.requireNonNull(value);
        }
    }

    /** A finite number; equal when numerically equal, so 1.0 and 1 are one value. */
    record Number(BigDecimal value) implements CellValue {
        public Number {
            Objects.requireNonNull(value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Number number && value.compareTo(number.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
        }
    }

    record Checkbox(boolean value) implements CellValue {
    }

    /** An ISO 8601 date ({@code 2026-11-27}) or date-time without zone ({@code 2026-11-27T14:30}). */
    record Date(String value) implements CellValue {
        public Date {
            Objects.requireNonNull(value);
        }
    }

    /** A single-select cell: one option id. */
    record Option(String optionId) implements CellValue {
        public Option {
            Objects.requireNonNull(optionId);
        }
    }

    /** A multiple-select cell: option ids in the order given, no duplicates, never empty. */
    record Options(List<String> optionIds) implements CellValue {
        public Options {
            optionIds = List.copyOf(optionIds);
            if (optionIds.isEmpty()) {
                throw new IllegalArgumentException("an empty multiple-select is an empty cell, not a value");
            }
        }
    }
}
