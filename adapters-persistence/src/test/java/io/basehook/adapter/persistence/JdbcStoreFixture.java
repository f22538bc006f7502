package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.testkit.contract.StoreFixture;
import jakarta.inject.Inject;

/**
 * The storage contracts' store on the database: the repositories and the transaction runner as the application
 * context wires them. Subclasses are {@code @MicronautTest(transactional = false)}.
 */
abstract class JdbcStoreFixture extends DatabaseTest implements StoreFixture {

    @Inject
    BaseRepository bases;
    @Inject
    TableRepository tables;
    @Inject
    RowRepository rows;
    @Inject
    ChangeEventOutbox outbox;
    @Inject
    WebhookRepository webhooks;
    @Inject
    ApiTokenRepository tokens;
    @Inject
    TransactionRunner transactions;

    @Override
    public BaseRepository bases() {
        return bases;
    }

    @Override
    public TableRepository tables() {
        return tables;
    }

    @Override
    public RowRepository rows() {
        return rows;
    }

    @Override
    public ChangeEventOutbox outbox() {
        return outbox;
    }

    @Override
    public WebhookRepository webhooks() {
        return webhooks;
    }

    @Override
    public ApiTokenRepository tokens() {
        return tokens;
    }

    @Override
    public TransactionRunner transactions() {
        return transactions;
    }
}
