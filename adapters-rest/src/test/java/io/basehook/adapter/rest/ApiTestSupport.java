package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.ExactJson;
import io.basehook.application.port.in.AuthenticateUseCase;
import io.basehook.application.port.in.CreateBaseUseCase;
import io.basehook.application.port.in.ListBasesUseCase;
import io.basehook.application.port.in.GetBaseUseCase;
import io.basehook.application.port.in.DeleteBaseUseCase;
import io.basehook.application.port.in.RenameBaseUseCase;
import io.basehook.application.port.in.CreateApiTokenUseCase;
import io.basehook.application.port.in.ListApiTokensUseCase;
import io.basehook.application.port.in.DeleteApiTokenUseCase;
import io.basehook.application.port.in.CreateTableUseCase;
import io.basehook.application.port.in.GetTableUseCase;
import io.basehook.application.port.in.ListColumnsUseCase;
import io.basehook.application.port.in.ListTablesUseCase;
import io.basehook.application.port.in.RenameTableUseCase;
import io.basehook.application.port.in.DeleteTableUseCase;
import io.basehook.application.port.in.AddColumnUseCase;
import io.basehook.application.port.in.ChangeColumnUseCase;
import io.basehook.application.port.in.DeleteColumnUseCase;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.ListRowsUseCase;
import io.basehook.application.port.in.GetRowUseCase;
import io.basehook.application.port.in.UpdateRowsUseCase;
import io.basehook.application.port.in.DeleteRowsUseCase;
import io.basehook.application.port.in.ReadChangeFeedUseCase;
import io.basehook.application.port.in.CreateWebhookUseCase;
import io.basehook.application.port.in.ListWebhooksUseCase;
import io.basehook.application.port.in.GetWebhookUseCase;
import io.basehook.application.port.in.UpdateWebhookUseCase;
import io.basehook.application.port.in.DeleteWebhookUseCase;
import io.basehook.application.port.in.RotateWebhookSecretUseCase;
import io.basehook.application.port.in.TestWebhookUseCase;
import io.basehook.application.port.in.ListDeliveriesUseCase;
import io.basehook.application.port.in.GetDeliveryUseCase;
import io.basehook.application.port.in.RedeliverUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Real HTTP against the embedded server; every use case is a Mockito mock, and two tokens are known:
 * the admin's and a read-only token of {@link #BASE_ID}.
 */
abstract class ApiTestSupport {

    static final String ADMIN_TOKEN = "admin-token";
    static final String READ_ONLY_TOKEN = "bh_read-only-token";
    static final BaseId BASE_ID = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
    static final Actor READ_ONLY = Actor.token("ci-bot", BASE_ID, Permission.READ_ONLY);
    /** Whole seconds on purpose: {@link Instant#toString()} would drop the milliseconds. */
    static final Instant T0 = Instant.parse("2026-11-27T14:30:00Z");
    static final String T0_WIRE = "2026-11-27T14:30:00.000Z";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    AuthenticateUseCase authenticate;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @Inject
    CreateBaseUseCase createBase;

    @MockBean(CreateBaseUseCase.class)
    CreateBaseUseCase createBaseMock() {
        return mock(CreateBaseUseCase.class);
    }

    @Inject
    ListBasesUseCase listBases;

    @MockBean(ListBasesUseCase.class)
    ListBasesUseCase listBasesMock() {
        return mock(ListBasesUseCase.class);
    }

    @Inject
    GetBaseUseCase getBase;

    @MockBean(GetBaseUseCase.class)
    GetBaseUseCase getBaseMock() {
        return mock(GetBaseUseCase.class);
    }

    @Inject
    RenameBaseUseCase renameBase;

    @MockBean(RenameBaseUseCase.class)
    RenameBaseUseCase renameBaseMock() {
        return mock(RenameBaseUseCase.class);
    }

    @Inject
    DeleteBaseUseCase deleteBase;

    @MockBean(DeleteBaseUseCase.class)
    DeleteBaseUseCase deleteBaseMock() {
        return mock(DeleteBaseUseCase.class);
    }

    @Inject
    CreateApiTokenUseCase createApiToken;

    @MockBean(CreateApiTokenUseCase.class)
    CreateApiTokenUseCase createApiTokenMock() {
        return mock(CreateApiTokenUseCase.class);
    }

    @Inject
    ListApiTokensUseCase listApiTokens;

    @MockBean(ListApiTokensUseCase.class)
    ListApiTokensUseCase listApiTokensMock() {
        return mock(ListApiTokensUseCase.class);
    }

    @Inject
    DeleteApiTokenUseCase deleteApiToken;

    @MockBean(DeleteApiTokenUseCase.class)
    DeleteApiTokenUseCase deleteApiTokenMock() {
        return mock(DeleteApiTokenUseCase.class);
    }

    @Inject
    CreateTableUseCase createTable;

    @MockBean(CreateTableUseCase.class)
    CreateTableUseCase createTableMock() {
        return mock(CreateTableUseCase.class);
    }

    @Inject
    ListTablesUseCase listTables;

    @MockBean(ListTablesUseCase.class)
    ListTablesUseCase listTablesMock() {
        return mock(ListTablesUseCase.class);
    }

    @Inject
    ListColumnsUseCase listColumns;

    @MockBean(ListColumnsUseCase.class)
    ListColumnsUseCase listColumnsMock() {
        return mock(ListColumnsUseCase.class);
    }

    @Inject
    GetTableUseCase getTable;

    @MockBean(GetTableUseCase.class)
    GetTableUseCase getTableMock() {
        return mock(GetTableUseCase.class);
    }

    @Inject
    RenameTableUseCase renameTable;

    @MockBean(RenameTableUseCase.class)
    RenameTableUseCase renameTableMock() {
        return mock(RenameTableUseCase.class);
    }

    @Inject
    DeleteTableUseCase deleteTable;

    @MockBean(DeleteTableUseCase.class)
    DeleteTableUseCase deleteTableMock() {
        return mock(DeleteTableUseCase.class);
    }

    @Inject
    AddColumnUseCase addColumn;

    @MockBean(AddColumnUseCase.class)
    AddColumnUseCase addColumnMock() {
        return mock(AddColumnUseCase.class);
    }

    @Inject
    ChangeColumnUseCase changeColumn;

    @MockBean(ChangeColumnUseCase.class)
    ChangeColumnUseCase changeColumnMock() {
        return mock(ChangeColumnUseCase.class);
    }

    @Inject
    DeleteColumnUseCase deleteColumn;

    @MockBean(DeleteColumnUseCase.class)
    DeleteColumnUseCase deleteColumnMock() {
        return mock(DeleteColumnUseCase.class);
    }

    @Inject
    InsertRowsUseCase insertRows;

    @MockBean(InsertRowsUseCase.class)
    InsertRowsUseCase insertRowsMock() {
        return mock(InsertRowsUseCase.class);
    }

    @Inject
    ListRowsUseCase listRows;

    @MockBean(ListRowsUseCase.class)
    ListRowsUseCase listRowsMock() {
        return mock(ListRowsUseCase.class);
    }

    @Inject
    GetRowUseCase getRow;

    @MockBean(GetRowUseCase.class)
    GetRowUseCase getRowMock() {
        return mock(GetRowUseCase.class);
    }

    @Inject
    UpdateRowsUseCase updateRows;

    @MockBean(UpdateRowsUseCase.class)
    UpdateRowsUseCase updateRowsMock() {
        return mock(UpdateRowsUseCase.class);
    }

    @Inject
    DeleteRowsUseCase deleteRows;

    @MockBean(DeleteRowsUseCase.class)
    DeleteRowsUseCase deleteRowsMock() {
        return mock(DeleteRowsUseCase.class);
    }

    @Inject
    ReadChangeFeedUseCase readChangeFeed;

    @MockBean(ReadChangeFeedUseCase.class)
    ReadChangeFeedUseCase readChangeFeedMock() {
        return mock(ReadChangeFeedUseCase.class);
    }

    @Inject
    CreateWebhookUseCase createWebhook;

    @MockBean(CreateWebhookUseCase.class)
    CreateWebhookUseCase createWebhookMock() {
        return mock(CreateWebhookUseCase.class);
    }

    @Inject
    ListWebhooksUseCase listWebhooks;

    @MockBean(ListWebhooksUseCase.class)
    ListWebhooksUseCase listWebhooksMock() {
        return mock(ListWebhooksUseCase.class);
    }

    @Inject
    GetWebhookUseCase getWebhook;

    @MockBean(GetWebhookUseCase.class)
    GetWebhookUseCase getWebhookMock() {
        return mock(GetWebhookUseCase.class);
    }

    @Inject
    UpdateWebhookUseCase updateWebhook;

    @MockBean(UpdateWebhookUseCase.class)
    UpdateWebhookUseCase updateWebhookMock() {
        return mock(UpdateWebhookUseCase.class);
    }

    @Inject
    DeleteWebhookUseCase deleteWebhook;

    @MockBean(DeleteWebhookUseCase.class)
    DeleteWebhookUseCase deleteWebhookMock() {
        return mock(DeleteWebhookUseCase.class);
    }

    @Inject
    RotateWebhookSecretUseCase rotateWebhookSecret;

    @MockBean(RotateWebhookSecretUseCase.class)
    RotateWebhookSecretUseCase rotateWebhookSecretMock() {
        return mock(RotateWebhookSecretUseCase.class);
    }

    @Inject
    TestWebhookUseCase testWebhook;

    @MockBean(TestWebhookUseCase.class)
    TestWebhookUseCase testWebhookMock() {
        return mock(TestWebhookUseCase.class);
    }

    @Inject
    ListDeliveriesUseCase listDeliveries;

    @MockBean(ListDeliveriesUseCase.class)
    ListDeliveriesUseCase listDeliveriesMock() {
        return mock(ListDeliveriesUseCase.class);
    }

    @Inject
    GetDeliveryUseCase getDelivery;

    @MockBean(GetDeliveryUseCase.class)
    GetDeliveryUseCase getDeliveryMock() {
        return mock(GetDeliveryUseCase.class);
    }

    @Inject
    RedeliverUseCase redeliver;

    @MockBean(RedeliverUseCase.class)
    RedeliverUseCase redeliverMock() {
        return mock(RedeliverUseCase.class);
    }

    @BeforeEach
    void knownTokens() {
        when(authenticate.authenticate(any())).thenAnswer(invocation -> switch (invocation.getArgument(0, String.class)) {
            case ADMIN_TOKEN -> Actor.admin();
            case READ_ONLY_TOKEN -> READ_ONLY;
            default -> throw new BasehookException(BasehookException.Kind.UNAUTHORIZED, "unauthorized", "unknown token");
        });
    }

    Reply get(String path) {
        return send("GET", path, ADMIN_TOKEN, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, ADMIN_TOKEN, json);
    }

    Reply patch(String path, String json) {
        return send("PATCH", path, ADMIN_TOKEN, json);
    }

    Reply delete(String path) {
        return send("DELETE", path, ADMIN_TOKEN, null);
    }

    Reply delete(String path, String json) {
        return send("DELETE", path, ADMIN_TOKEN, json);
    }

    Reply send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(URI.create(path)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) ExactJson.parse(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> at(Object list, int index) {
            return (Map<String, Object>) ((List<Object>) list).get(index);
        }
    }
}
