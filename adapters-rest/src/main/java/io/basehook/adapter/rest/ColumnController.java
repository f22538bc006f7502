package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.ChangeColumnRequest;
import io.basehook.adapter.rest.dto.ColumnListResponse;
import io.basehook.adapter.rest.dto.ColumnRequest;
import io.basehook.adapter.rest.dto.ColumnResponse;
import io.basehook.application.port.in.AddColumnUseCase;
import io.basehook.application.port.in.ChangeColumnUseCase;
import io.basehook.application.port.in.DeleteColumnUseCase;
import io.basehook.application.port.in.ListColumnsUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.TableId;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** Columns of a table: add, change (name, type, options), delete. */
@ProblemAnswers
@Controller("/api/v1/bases/{baseId}/tables/{tableId}/columns")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ColumnController {

    private final ListColumnsUseCase listColumns;
    private final AddColumnUseCase addColumn;
    private final ChangeColumnUseCase changeColumn;
    private final DeleteColumnUseCase deleteColumn;

    public ColumnController(ListColumnsUseCase listColumns, AddColumnUseCase addColumn,
                            ChangeColumnUseCase changeColumn, DeleteColumnUseCase deleteColumn) {
        this.listColumns = listColumns;
        this.addColumn = addColumn;
        this.changeColumn = changeColumn;
        this.deleteColumn = deleteColumn;
    }

    @Operation(operationId = "listColumns", summary = "List the columns of a table")
    @Get
    public ColumnListResponse list(@Parameter(hidden = true) Actor actor, String baseId, String tableId) {
        return ColumnListResponse.from(listColumns.listColumns(actor, new BaseId(baseId), new TableId(tableId)));
    }

    @Operation(operationId = "addColumn", summary = "Add a column")
    @Post
    @Status(HttpStatus.CREATED)
    public ColumnResponse add(@Parameter(hidden = true) Actor actor, String baseId, String tableId,
                              @Body ColumnRequest body) {
        return ColumnResponse.from(addColumn.addColumn(body.toCommand(actor, new BaseId(baseId), new TableId(tableId))));
    }

    @Operation(operationId = "changeColumn", summary = "Rename a column, change its type or options")
    @Patch("/{key}")
    public ColumnResponse change(@Parameter(hidden = true) Actor actor, String baseId, String tableId, String key,
                                 @Body ChangeColumnRequest body) {
        return ColumnResponse.from(changeColumn.changeColumn(
                body.toCommand(actor, new BaseId(baseId), new TableId(tableId), new ColumnKey(key))));
    }

    @Operation(operationId = "deleteColumn", summary = "Delete a column")
    @Delete("/{key}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) Actor actor, String baseId, String tableId, String key) {
        deleteColumn.deleteColumn(actor, new BaseId(baseId), new TableId(tableId), new ColumnKey(key));
    }
}
