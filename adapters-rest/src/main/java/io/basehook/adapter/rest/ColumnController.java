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

/** Columns of a table: add, change (name, type, options), delete. */
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

    @Get
    public ColumnListResponse list(Actor actor, String baseId, String tableId) {
        return ColumnListResponse.from(listColumns.listColumns(actor, new BaseId(baseId), new TableId(tableId)));
    }

    @Post
    @Status(HttpStatus.CREATED)
    public ColumnResponse add(Actor actor, String baseId, String tableId, @Body ColumnRequest body) {
        return ColumnResponse.from(addColumn.addColumn(body.toCommand(actor, new BaseId(baseId), new TableId(tableId))));
    }

    @Patch("/{key}")
    public ColumnResponse change(Actor actor, String baseId, String tableId, String key,
                                 @Body ChangeColumnRequest body) {
        return ColumnResponse.from(changeColumn.changeColumn(
                body.toCommand(actor, new BaseId(baseId), new TableId(tableId), new ColumnKey(key))));
    }

    @Delete("/{key}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Actor actor, String baseId, String tableId, String key) {
        deleteColumn.deleteColumn(actor, new BaseId(baseId), new TableId(tableId), new ColumnKey(key));
    }
}
