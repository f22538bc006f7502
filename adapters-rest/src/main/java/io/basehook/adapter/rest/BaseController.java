package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.BaseListResponse;
import io.basehook.adapter.rest.dto.BaseResponse;
import io.basehook.adapter.rest.dto.BaseWithTablesResponse;
import io.basehook.adapter.rest.dto.CreateBaseRequest;
import io.basehook.adapter.rest.dto.RenameBaseRequest;
import io.basehook.application.port.in.CreateBaseUseCase;
import io.basehook.application.port.in.DeleteBaseUseCase;
import io.basehook.application.port.in.GetBaseUseCase;
import io.basehook.application.port.in.ListBasesUseCase;
import io.basehook.application.port.in.RenameBaseUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** Bases: create, list, read with tables, rename, delete. */
@ProblemAnswers
@Controller("/api/v1/bases")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BaseController {

    private final CreateBaseUseCase createBase;
    private final ListBasesUseCase listBases;
    private final GetBaseUseCase getBase;
    private final RenameBaseUseCase renameBase;
    private final DeleteBaseUseCase deleteBase;

    public BaseController(CreateBaseUseCase createBase, ListBasesUseCase listBases, GetBaseUseCase getBase,
                          RenameBaseUseCase renameBase, DeleteBaseUseCase deleteBase) {
        this.createBase = createBase;
        this.listBases = listBases;
        this.getBase = getBase;
        this.renameBase = renameBase;
        this.deleteBase = deleteBase;
    }

    @Operation(operationId = "createBase", summary = "Create a base")
    @Post
    @Status(HttpStatus.CREATED)
    public BaseResponse create(@Parameter(hidden = true) Actor actor, @Body CreateBaseRequest body) {
        return BaseResponse.from(createBase.createBase(body.toCommand(actor)));
    }

    @Operation(operationId = "listBases", summary = "List the bases the token sees")
    @Get
    public BaseListResponse list(@Parameter(hidden = true) Actor actor,
                                 @Parameter(description = "at most this many per page", required = false)
                                 @QueryValue(defaultValue = "100") int limit, @Nullable @QueryValue String cursor) {
        return BaseListResponse.from(listBases.listBases(actor, limit, cursor));
    }

    @Operation(operationId = "getBase", summary = "Read a base with its tables")
    @Get("/{baseId}")
    public BaseWithTablesResponse get(@Parameter(hidden = true) Actor actor, String baseId) {
        return BaseWithTablesResponse.from(getBase.getBase(actor, new BaseId(baseId)));
    }

    /** Answers the base as {@code GET /bases/{baseId}} does, as a table rename answers as its read. */
    @Operation(operationId = "renameBase", summary = "Rename a base")
    @Patch("/{baseId}")
    public BaseWithTablesResponse rename(@Parameter(hidden = true) Actor actor, String baseId,
                                         @Body RenameBaseRequest body) {
        return BaseWithTablesResponse.from(renameBase.renameBase(body.toCommand(actor, new BaseId(baseId))));
    }

    @Operation(operationId = "deleteBase", summary = "Delete a base with all it holds")
    @Delete("/{baseId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) Actor actor, String baseId) {
        deleteBase.deleteBase(actor, new BaseId(baseId));
    }
}
