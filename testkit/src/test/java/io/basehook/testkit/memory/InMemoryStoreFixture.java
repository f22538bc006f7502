package io.basehook.testkit.memory;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.testkit.contract.StoreFixture;
import org.junit.jupiter.api.BeforeEach;

/** The storage contracts' store: a new {@link InMemoryStore} for every test. */
abstract class InMemoryStoreFixture implements StoreFixture {

    InMemoryStore store;

    @BeforeEach
    void newStore() {
        store = new InMemoryStore();
    }

    @Override
    public BaseRepository bases() {
        return store.bases();
    }

    @Override
    public TableRepository tables() {
        return store.tables();
    }

    @Override
    public RowRepository rows() {
        return store.rows();
    }

    @Override
    public ChangeEventOutbox outbox() {
        return store.outbox();
    }

    @Override
    public WebhookRepository webhooks() {
        return store.webhooks();
    }

    @Override
    public ApiTokenRepository tokens() {
        return store.tokens();
    }

    @Override
    public TransactionRunner transactions() {
        return store.transactions();
    }
}
