package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.ApiTokenListResponse;
import io.basehook.adapter.rest.dto.CreateApiTokenRequest;
import io.basehook.adapter.rest.dto.IssuedApiTokenResponse;
import io.basehook.application.port.in.CreateApiTokenUseCase;
import io.basehook.application.port.in.DeleteApiTokenUseCase;
import io.basehook.application.port.in.ListApiTokensUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiTokenId;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** A base's API tokens: issue (the secret is shown once), list without secrets, revoke. */
@ProblemAnswers
@Controller("/api/v1/bases/{baseId}/api-tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiTokenController {

    private final CreateApiTokenUseCase createApiToken;
    private final ListApiTokensUseCase listApiTokens;
    private final DeleteApiTokenUseCase deleteApiToken;

    public ApiTokenController(CreateApiTokenUseCase createApiToken, ListApiTokensUseCase listApiTokens,
                              DeleteApiTokenUseCase deleteApiToken) {
        this.createApiToken = createApiToken;
        this.listApiTokens = listApiTokens;
        this.deleteApiToken = deleteApiToken;
    }

    @Operation(operationId = "createApiToken", summary = "Issue an API token for the base")
    @Post
    @Status(HttpStatus.CREATED)
    public IssuedApiTokenResponse create(@Parameter(hidden = true) Actor actor, String baseId,
                                         @Body CreateApiTokenRequest body) {
        return IssuedApiTokenResponse.from(createApiToken.createApiToken(body.toCommand(actor, new BaseId(baseId))));
    }

    @Operation(operationId = "listApiTokens", summary = "List the base's API tokens")
    @Get
    public ApiTokenListResponse list(@Parameter(hidden = true) Actor actor, String baseId) {
        return ApiTokenListResponse.from(listApiTokens.listApiTokens(actor, new BaseId(baseId)));
    }

    @Operation(operationId = "deleteApiToken", summary = "Revoke an API token")
    @Delete("/{tokenId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) Actor actor, String baseId, String tokenId) {
        deleteApiToken.deleteApiToken(actor, new BaseId(baseId), new ApiTokenId(tokenId));
    }
}
