package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.CreateWebhookRequest;
import io.basehook.adapter.rest.dto.UpdateWebhookRequest;
import io.basehook.adapter.rest.dto.WebhookListResponse;
import io.basehook.adapter.rest.dto.WebhookResponse;
import io.basehook.adapter.rest.dto.WebhookSecretResponse;
import io.basehook.adapter.rest.dto.WebhookTestResponse;
import io.basehook.application.port.in.CreateWebhookUseCase;
import io.basehook.application.port.in.DeleteWebhookUseCase;
import io.basehook.application.port.in.GetWebhookUseCase;
import io.basehook.application.port.in.ListWebhooksUseCase;
import io.basehook.application.port.in.RotateWebhookSecretUseCase;
import io.basehook.application.port.in.TestWebhookUseCase;
import io.basehook.application.port.in.UpdateWebhookUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.WebhookId;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

/**
 * Webhooks of a base: register (the secret is shown once), list, read, change, delete, rotate the secret, ping.
 * Bodies arrive as bytes and are read strictly ({@code ExactJson}), so {@code enabled} must be a real boolean.
 */
@ProblemAnswers
@Controller("/api/v1/bases/{baseId}/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookController {

    private final CreateWebhookUseCase createWebhook;
    private final ListWebhooksUseCase listWebhooks;
    private final GetWebhookUseCase getWebhook;
    private final UpdateWebhookUseCase updateWebhook;
    private final DeleteWebhookUseCase deleteWebhook;
    private final RotateWebhookSecretUseCase rotateWebhookSecret;
    private final TestWebhookUseCase testWebhook;

    public WebhookController(CreateWebhookUseCase createWebhook, ListWebhooksUseCase listWebhooks,
                             GetWebhookUseCase getWebhook, UpdateWebhookUseCase updateWebhook,
                             DeleteWebhookUseCase deleteWebhook, RotateWebhookSecretUseCase rotateWebhookSecret,
                             TestWebhookUseCase testWebhook) {
        this.createWebhook = createWebhook;
        this.listWebhooks = listWebhooks;
        this.getWebhook = getWebhook;
        this.updateWebhook = updateWebhook;
        this.deleteWebhook = deleteWebhook;
        this.rotateWebhookSecret = rotateWebhookSecret;
        this.testWebhook = testWebhook;
    }

    @Operation(operationId = "createWebhook", summary = "Create a webhook")
    @Post
    @Status(HttpStatus.CREATED)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateWebhookRequest.class)))
    public WebhookResponse create(@Parameter(hidden = true) Actor actor, String baseId, @Body byte[] body) {
        CreateWebhookRequest request = CreateWebhookRequest.read(body);
        return WebhookResponse.created(createWebhook.createWebhook(request.toCommand(actor, new BaseId(baseId))));
    }

    @Operation(operationId = "listWebhooks", summary = "List the base's webhooks")
    @Get
    public WebhookListResponse list(@Parameter(hidden = true) Actor actor, String baseId) {
        return WebhookListResponse.from(listWebhooks.listWebhooks(actor, new BaseId(baseId)));
    }

    @Operation(operationId = "getWebhook", summary = "Read a webhook")
    @Get("/{webhookId}")
    public WebhookResponse get(@Parameter(hidden = true) Actor actor, String baseId, String webhookId) {
        return WebhookResponse.from(getWebhook.getWebhook(actor, new BaseId(baseId), new WebhookId(webhookId)));
    }

    @Operation(operationId = "updateWebhook", summary = "Change a webhook's url, description or enabled")
    @Patch("/{webhookId}")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateWebhookRequest.class)))
    public WebhookResponse update(@Parameter(hidden = true) Actor actor, String baseId, String webhookId,
                                  @Body byte[] body) {
        UpdateWebhookRequest request = UpdateWebhookRequest.read(body);
        return WebhookResponse.from(updateWebhook.updateWebhook(
                request.toCommand(actor, new BaseId(baseId), new WebhookId(webhookId))));
    }

    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook")
    @Delete("/{webhookId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) Actor actor, String baseId, String webhookId) {
        deleteWebhook.deleteWebhook(actor, new BaseId(baseId), new WebhookId(webhookId));
    }

    @Operation(operationId = "rotateWebhookSecret", summary = "Replace a webhook's secret")
    @Post("/{webhookId}/rotate-secret")
    public WebhookSecretResponse rotateSecret(@Parameter(hidden = true) Actor actor, String baseId, String webhookId) {
        return WebhookSecretResponse.from(rotateWebhookSecret.rotateWebhookSecret(actor, new BaseId(baseId),
                new WebhookId(webhookId)));
    }

    // 200 whatever the endpoint answered: the request to Basehook succeeded, the outcome is in the body
    @Operation(operationId = "testWebhook", summary = "Send a test ping to the webhook now")
    @Post("/{webhookId}/test")
    public WebhookTestResponse test(@Parameter(hidden = true) Actor actor, String baseId, String webhookId) {
        return WebhookTestResponse.from(testWebhook.testWebhook(actor, new BaseId(baseId), new WebhookId(webhookId)));
    }
}
