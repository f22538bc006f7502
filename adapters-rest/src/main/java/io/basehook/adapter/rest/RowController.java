package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.DeleteRowsRequest;
import io.basehook.adapter.rest.dto.DeletedRowsResponse;
import io.basehook.adapter.rest.dto.InsertRowsRequest;
import io.basehook.adapter.rest.dto.RowListResponse;
import io.basehook.adapter.rest.dto.RowPageResponse;
import io.basehook.adapter.rest.dto.RowResponse;
import io.basehook.adapter.rest.dto.UpdateRowRequest;
import io.basehook.adapter.rest.dto.UpdateRowsRequest;
import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.application.port.in.DeleteRowsUseCase;
import io.basehook.application.port.in.GetRowUseCase;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.ListRowsUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.in.UpdateRowsUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.TableId;
import io.basehook.domain.table.ValuesKeyedBy;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.util.List;

/**
 * Rows of a table, values by column name. Bodies with cell values arrive as bytes and are read exactly
 * ({@code ExactJson}), so decimals stay BigDecimal and a null stays a null entry.
 */
@ProblemAnswers
@Controller("/api/v1/bases/{baseId}/tables/{tableId}/rows")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RowController {

    private static final String KEYS = "name (the default) or key: what row values are keyed by";

    private final InsertRowsUseCase insertRows;
    private final ListRowsUseCase listRows;
    private final GetRowUseCase getRow;
    private final UpdateRowsUseCase updateRows;
    private final DeleteRowsUseCase deleteRows;

    public RowController(InsertRowsUseCase insertRows, ListRowsUseCase listRows, GetRowUseCase getRow,
                         UpdateRowsUseCase updateRows, DeleteRowsUseCase deleteRows) {
        this.insertRows = insertRows;
        this.listRows = listRows;
        this.getRow = getRow;
        this.updateRows = updateRows;
        this.deleteRows = deleteRows;
    }

    @Operation(operationId = "insertRows", summary = "Insert rows")
    @Post
    @Status(HttpStatus.CREATED)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = InsertRowsRequest.class)))
    public RowListResponse insert(@Parameter(hidden = true) Actor actor, String baseId, String tableId,
                                  @Parameter(description = KEYS, required = false)
                                  @QueryValue(defaultValue = "name") String keys, @Body byte[] body) {
        ValuesKeyedBy keyedBy = keyedBy(keys);
        InsertRowsRequest request = InsertRowsRequest.read(body);
        return RowListResponse.from(insertRows.insertRows(request.toCommand(actor, new BaseId(baseId),
                new TableId(tableId), keyedBy)), keyedBy);
    }

    @Operation(operationId = "listRows", summary = "List rows, a page at a time")
    @Get
    public RowPageResponse list(@Parameter(hidden = true) Actor actor, String baseId, String tableId,
                                @Parameter(description = "at most this many per page", required = false)
                                @QueryValue(defaultValue = "100") int limit, @Nullable @QueryValue String cursor,
                                @Parameter(description = KEYS, required = false)
                                @QueryValue(defaultValue = "name") String keys) {
        ValuesKeyedBy keyedBy = keyedBy(keys);
        return RowPageResponse.from(listRows.listRows(actor, new BaseId(baseId), new TableId(tableId), limit, cursor),
                keyedBy);
    }

    @Operation(operationId = "getRow", summary = "Read a row")
    @Get("/{rowId}")
    public RowResponse get(@Parameter(hidden = true) Actor actor, String baseId, String tableId, String rowId,
                           @Parameter(description = KEYS, required = false)
                           @QueryValue(defaultValue = "name") String keys) {
        ValuesKeyedBy keyedBy = keyedBy(keys);
        TableRows found = getRow.getRow(actor, new BaseId(baseId), new TableId(tableId), new RowId(rowId));
        return RowResponse.from(found.table(), found.rows().get(0), keyedBy);
    }

    @Operation(operationId = "updateRow", summary = "Update the named cells of a row")
    @Patch("/{rowId}")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateRowRequest.class)))
    public RowResponse update(@Parameter(hidden = true) Actor actor, String baseId, String tableId, String rowId,
                              @Parameter(description = KEYS, required = false)
                              @QueryValue(defaultValue = "name") String keys, @Body byte[] body) {
        ValuesKeyedBy keyedBy = keyedBy(keys);
        UpdateRowRequest request = UpdateRowRequest.read(body);
        TableRows updated;
        try {
            updated = updateRows.updateRows(request.toCommand(actor, new BaseId(baseId), new TableId(tableId),
                    new RowId(rowId), keyedBy));
        } catch (BasehookException e) {
            throw UpdateRowRequest.asSent(e);
        }
        return RowResponse.from(updated.table(), updated.rows().get(0), keyedBy);
    }

    @Operation(operationId = "updateRows", summary = "Update many rows at once")
    @Patch
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateRowsRequest.class)))
    public RowListResponse updateAll(@Parameter(hidden = true) Actor actor, String baseId, String tableId,
                                     @Parameter(description = KEYS, required = false)
                                     @QueryValue(defaultValue = "name") String keys, @Body byte[] body) {
        ValuesKeyedBy keyedBy = keyedBy(keys);
        UpdateRowsRequest request = UpdateRowsRequest.read(body);
        return RowListResponse.from(updateRows.updateRows(request.toCommand(actor, new BaseId(baseId),
                new TableId(tableId), keyedBy)), keyedBy);
    }

    /**
     * {@code ?keys=name} (the default) or {@code ?keys=key}: what row values are keyed by, in a body and in the answer.
     * Reads render with the table they come with; writes hand the choice to the use case, which maps keys to columns
     * with the table it reads under the base lock.
     */
    private static ValuesKeyedBy keyedBy(String keys) {
        return ValuesKeyedBy.parse(keys, "keys");
    }

    @Operation(operationId = "deleteRow", summary = "Delete a row")
    @Delete("/{rowId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) Actor actor, String baseId, String tableId, String rowId) {
        deleteRows.deleteRows(new DeleteRowsCommand(actor, new BaseId(baseId), new TableId(tableId),
                List.of(new RowId(rowId)), true));
    }

    @Operation(operationId = "deleteRows", summary = "Delete rows by id")
    @Delete
    public DeletedRowsResponse deleteAll(@Parameter(hidden = true) Actor actor, String baseId, String tableId,
                                         @Body DeleteRowsRequest body) {
        return new DeletedRowsResponse(deleteRows.deleteRows(body.toCommand(actor, new BaseId(baseId), new TableId(tableId))));
    }
}
