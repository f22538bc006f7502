package io.basehook.application.write;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the values of a write weigh, in bytes as they arrived (a character of text is one): what the write budget
 * admits and what caps a combined transaction. Each cell and row adds a little, so many small values count too.
 */
public final class WriteSize {

    private static final int PER_ROW = 64;
    private static final int PER_CELL = 32;
    private static final int NUMBER = 16;

    private WriteSize() {
    }

    public static long ofRows(List<Map<String, Object>> rows) {
        long bytes = 0;
        for (Map<String, Object> row : rows) {
            bytes += ofRow(row);
        }
        return bytes;
    }

    public static long ofRow(Map<String, Object> row) {
        long bytes = PER_ROW;
        for (Map.Entry<String, Object> cell : row.entrySet()) {
            bytes += PER_CELL + cell.getKey().length() + ofValue(cell.getValue());
        }
        return bytes;
    }

    private static long ofValue(Object value) {
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> many) {
            long bytes = 0;
            for (Object each : many) {
                bytes += PER_CELL + ofValue(each);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += PER_CELL + ofValue(entry.getKey()) + ofValue(entry.getValue());
            }
            return bytes;
        }
        return value == null ? 0 : NUMBER;
    }
}
