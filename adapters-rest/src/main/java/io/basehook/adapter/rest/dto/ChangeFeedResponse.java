package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.application.port.in.ChangeFeed;
import io.basehook.domain.row.StoredEvent;

import java.util.List;

/** {@code GET /bases/{baseId}/events}: {@code {events:[{seq, id, occurredAt, payload}], lastSeq, nextAfter}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeFeedResponse(List<EventResponse> events, long lastSeq, long nextAfter) {

    public static ChangeFeedResponse from(ChangeFeed feed) {
        return new ChangeFeedResponse(feed.events().stream().map(EventResponse::from).toList(), feed.lastSeq(),
                feed.nextAfter());
    }

    /** One event; {@code payload} is the webhook body as a JSON object, not a string holding it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EventResponse(long seq, String id, String occurredAt, Object payload) {

        public static EventResponse from(StoredEvent event) {
            // parsed exactly, so numbers such as op_time keep their digits
            return new EventResponse(event.seq(), event.id().value(), IsoTimes.format(event.occurredAt()),
                    ExactJson.parse(event.payload()));
        }
    }
}
