package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.CreateTableRequest;
import io.basehook.adapter.rest.dto.RenameTableRequest;
import io.basehook.adapter.rest.dto.TableListResponse;
import io.basehook.adapter.rest.dto.TableResponse;
import io.basehook.application.port.in.CreateTableUseCase;
import io.basehook.application.port.in.DeleteTableUseCase;
import io.basehook.application.port.in.GetTableUseCase;
import io.basehook.application.port.in.ListTablesUseCase;
import io.basehook.application.port.in.RenameTableUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
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

/** Tables of a base: create with columns, list, read, rename, delete. */
@ProblemAnswers
@Controller("/api/v1/bases/{baseId}/tables")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TableController {

    private final CreateTableUseCase createTable;
    private final ListTablesUseCase listTables;
    private final GetTableUseCase getTable;
    private final RenameTableUseCase renameTable;
    private final DeleteTableUseCase deleteTable;

    public TableController(CreateTableUseCase createTable, ListTablesUseCase listTables, GetTableUseCase getTable,
                           RenameTableUseCase renameTable, DeleteTableUseCase deleteTable) {
        this.createTable = createTable;
        this.listTables = listTables;
        this.getTable = getTable;
        this.renameTable = renameTable;
        this.deleteTable = deleteTable;
    }

    @Operation(operationId = "createTable", summary = "Create a table")
    @Post
    @Status(HttpStatus.CREATED)
    public TableResponse create(@Parameter(hidden = true) Actor actor, String baseId, @Body CreateTableRequest body) {
        return TableResponse.from(createTable.createTable(body.toCommand(actor, new BaseId(baseId))));
    }

    @Operation(operationId = "listTables", summary = "List the tables of a base")
    @Get
    public TableListResponse list(@Parameter(hidden = true) Actor actor, String baseId) {
        return TableListResponse.from(listTables.listTables(actor, new BaseId(baseId)));
    }

    @Operation(operationId = "getTable", summary = "Read a table with its columns")
    @Get("/{tableId}")
    public TableResponse get(@Parameter(hidden = true) Actor actor, String baseId, String tableId) {
        return TableResponse.from(getTable.getTable(actor, new BaseId(baseId), new TableId(tableId)));
    }

    @Operation(operationId = "renameTable", summary = "Rename a table")
    @Patch("/{tableId}")
    public TableResponse rename(@Parameter(hidden = true) Actor actor, String baseId, String tableId,
                                @Body RenameTableRequest body) {
        return TableResponse.from(renameTable.renameTable(body.toCommand(actor, new BaseId(baseId), new TableId(tableId))));
    }

    @Operation(operationId = "deleteTable", summary = "Delete a table with its rows")
    @Delete("/{tableId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) Actor actor, String baseId, String tableId) {
        deleteTable.deleteTable(actor, new BaseId(baseId), new TableId(tableId));
    }
}
