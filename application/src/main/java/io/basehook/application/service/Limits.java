package io.basehook.application.service;

/** The configurable limits of SPEC §6 that the use cases enforce. */
public record Limits(int maxRowsPerBatch, int maxColumnsPerTable, int maxWebhooksPerBase, int maxPageSize) {

    public static final Limits DEFAULTS = new Limits(1000, 500, 20, 1000);

    public Limits {
        if (maxRowsPerBatch < 1 || maxColumnsPerTable < 1 || maxWebhooksPerBase < 1 || maxPageSize < 1) {
            throw new IllegalArgumentException("limits are positive");
        }
    }
}
