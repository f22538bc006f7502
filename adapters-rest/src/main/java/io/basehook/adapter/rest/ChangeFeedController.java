package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.ChangeFeedResponse;
import io.basehook.application.port.in.ReadChangeFeedUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** A base's content events in commit order, for a receiver catching up from the last {@code seq} it saw. */
@ProblemAnswers
@Controller("/api/v1/bases/{baseId}/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChangeFeedController {

    private final ReadChangeFeedUseCase readChangeFeed;

    public ChangeFeedController(ReadChangeFeedUseCase readChangeFeed) {
        this.readChangeFeed = readChangeFeed;
    }

    @Operation(operationId = "readChangeFeed", summary = "Read the base's events after a seq")
    @Get
    public ChangeFeedResponse read(@Parameter(hidden = true) Actor actor, String baseId,
                                   @Parameter(description = "the seq after which events are read", required = false)
                                   @QueryValue(defaultValue = "0") long after,
                                   @Parameter(description = "at most this many per page", required = false)
                                   @QueryValue(defaultValue = "100") int limit) {
        return ChangeFeedResponse.from(readChangeFeed.readChangeFeed(actor, new BaseId(baseId), after, limit));
    }
}
