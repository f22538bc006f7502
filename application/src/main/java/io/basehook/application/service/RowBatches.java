package io.basehook.application.service;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;

import java.util.List;

/** The checks every batch of rows passes before anything is written. */
final class RowBatches {

    private RowBatches() {
    }

    static void requireWithin(int size, Limits limits, String field) {
        if (size > limits.maxRowsPerBatch()) {
            throw BasehookException.limit("batch_too_large",
                    field + " holds " + size + " rows; at most " + limits.maxRowsPerBatch() + " per request");
        }
    }

    static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new BasehookException(BasehookException.Kind.INVALID, "invalid_cell_value",
                    errors.size() == 1 ? errors.get(0).message() : errors.size() + " values are invalid; nothing was written",
                    errors);
        }
    }
}
