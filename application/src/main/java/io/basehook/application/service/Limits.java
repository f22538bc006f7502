package io.basehook.application.service;

/**
 * The configurable request limits that the use cases enforce.
 *
 * @param maxPageBytes the stored bytes after which a page of rows, events or attempts ends early (it always holds
 *                     at least one item), so a read is bounded in bytes as well as in items
 */
public record Limits(int maxRowsPerBatch, int maxColumnsPerTable, int maxWebhooksPerBase, int maxPageSize,
                     long maxPageBytes) {

    /** 2 MiB: a page of 1,000 rows of 2 KiB each still fits, and one page holds at most 3 MiB of 1 MiB rows. */
    public static final long DEFAULT_PAGE_BYTES = 2L << 20;

    public static final Limits DEFAULTS = new Limits(1000, 500, 20, 1000);

    public Limits {
        if (maxRowsPerBatch < 1 || maxColumnsPerTable < 1 || maxWebhooksPerBase < 1 || maxPageSize < 1
                || maxPageBytes < 1) {
            throw new IllegalArgumentException("limits are positive");
        }
    }

    public Limits(int maxRowsPerBatch, int maxColumnsPerTable, int maxWebhooksPerBase, int maxPageSize) {
        this(maxRowsPerBatch, maxColumnsPerTable, maxWebhooksPerBase, maxPageSize, DEFAULT_PAGE_BYTES);
    }
}
