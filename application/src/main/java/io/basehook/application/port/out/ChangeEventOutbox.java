package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.StoredEvent;

import java.util.List;
import java.util.Map;

/**
 * The transactional outbox: content events written in the same transaction as the change, numbered per
 * base, read back as the change feed (and, by the delivery loop, sent to webhooks).
 */
public interface ChangeEventOutbox {

    /**
     * Takes the next {@code count} sequence numbers of the base. Called with the base locked
     * ({@link BaseRepository#lockById}), so numbers follow commit order with no gap.
     *
     * @return the first of the numbers
     */
    long reserveSeqs(BaseId baseId, int count);

    /**
     * {@link #reserveSeqs(BaseId, int)} for several bases at once (every one locked by the caller), in as few round
     * trips as the store allows.
     *
     * @return the first of each base's numbers
     */
    Map<BaseId, Long> reserveSeqs(Map<BaseId, Integer> counts);

    void append(List<StoredEvent> events);

    /**
     * Up to {@code limit} events with {@code seq > afterSeq}, in {@code seq} order, ending early with the event whose
     * payload takes them past {@code maxBytes} (so at least one, if there is one). Only these are ever held in memory.
     */
    List<StoredEvent> readAfter(BaseId baseId, long afterSeq, int limit, long maxBytes);

    /** The highest {@code seq} the base has given out, 0 if none. */
    long lastSeq(BaseId baseId);
}
