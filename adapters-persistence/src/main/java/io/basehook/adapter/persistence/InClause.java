package io.basehook.adapter.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/** Distinct values cut into {@code IN (…)} lists of a bounded size, and their placeholders. */
final class InClause {

    /** Values per statement: keeps statements and their plans small whatever the caller passes. */
    static final int CHUNK = 500;

    private InClause() {
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + CHUNK)));
        }
        return chunks;
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
