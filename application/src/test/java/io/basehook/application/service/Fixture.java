package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.write.ContentWrites;
import io.basehook.application.write.GroupCommit;
import io.basehook.application.write.TransactionPerWrite;
import io.basehook.application.write.WriteBudget;
import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.testing.AllDeliveryPorts;
import io.basehook.application.testing.InlineTransactions;
import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.SelectOption;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The real services over Mockito mocks of the outbound ports (never of domain objects), with a base
 * "CRM" holding the table "Opportunities". One fixture per test: the table is mutable.
 */
public final class Fixture {

    public static final BaseId BASE_ID = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
    public static final BaseId OTHER_BASE_ID = new BaseId("0123456789abcdef0123456789abcdef");
    public static final TableId TABLE_ID = new TableId("9g8f");
    public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant NOW = Instant.parse("2026-11-27T14:30:00.589Z");
    public static final long FIRST_SEQ = 41;

    public static final Column NAME = new Column(new ColumnKey("Nam1"), "Name", ColumnType.TEXT, List.of());
    public static final Column PRIO = new Column(new ColumnKey("589r"), "Prio", ColumnType.SINGLE_SELECT, List.of(
            new SelectOption("381992", "++", "#F4667C"), new SelectOption("381993", "+", null)));
    public static final Column DONE = new Column(new ColumnKey("d0ne"), "Done", ColumnType.CHECKBOX, List.of());
    public static final Column AMOUNT = new Column(new ColumnKey("amnt"), "Amount", ColumnType.NUMBER, List.of());
    public static final Column TAGS = new Column(new ColumnKey("tAg5"), "Tags", ColumnType.MULTIPLE_SELECT, List.of(
            new SelectOption("100001", "red", null), new SelectOption("100002", "green", null)));

    public static final Actor ADMIN = Actor.admin();
    public static final Actor BOT = Actor.token("ci-bot", BASE_ID, Permission.READ_WRITE);
    public static final Actor VIEWER = Actor.token("viewer", BASE_ID, Permission.READ_ONLY);
    public static final Actor STRANGER = Actor.token("stranger", OTHER_BASE_ID, Permission.READ_WRITE);

    public final BaseRepository bases = mock(BaseRepository.class);
    public final TableRepository tables = mock(TableRepository.class);
    public final RowRepository rows = mock(RowRepository.class);
    public final ApiTokenRepository tokens = mock(ApiTokenRepository.class);
    public final ChangeEventOutbox outbox = mock(ChangeEventOutbox.class);
    public final EventPayloadEncoder encoder = mock(EventPayloadEncoder.class);
    public final InlineTransactions transactions = InlineTransactions.spied();
    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final Limits limits = Limits.DEFAULTS;

    public final AllDeliveryPorts deliveries = mock(AllDeliveryPorts.class);
    public final DeliveryWakeup wakeup = mock(DeliveryWakeup.class);
    public final WebhookRepository webhooks = mock(WebhookRepository.class);
    public final WebhookTargetPolicy targets = mock(WebhookTargetPolicy.class);
    public final WebhookPort sender = mock(WebhookPort.class);

    public final Lookup lookup = new Lookup(bases, tables);
    public final ChangeRecorder recorder = new ChangeRecorder(outbox, encoder, deliveries, transactions, wakeup);
    public final Base base = Base.restore(BASE_ID, "CRM", CREATED);
    public final Table table = Table.restore(TABLE_ID, BASE_ID, "Opportunities", List.of(NAME, PRIO, DONE, AMOUNT, TAGS), CREATED);

    /** The base and its table exist; the outbox hands out seqs from {@link #FIRST_SEQ}. */
    public Fixture() {
        when(bases.findById(BASE_ID)).thenReturn(Optional.of(base));
        when(bases.lockById(BASE_ID)).thenReturn(Optional.of(base));
        when(bases.findById(OTHER_BASE_ID)).thenReturn(Optional.empty());
        // a base is free to lock when it exists: the lock of its own answers for it
        when(bases.lockAvailable(any())).thenAnswer(call -> {
            Collection<BaseId> ids = call.getArgument(0);
            return ids.stream().filter(id -> bases.lockById(id).isPresent()).toList();
        });
        when(tables.findById(BASE_ID, TABLE_ID)).thenReturn(Optional.of(table));
        when(tables.findByBase(BASE_ID)).thenReturn(List.of(table));
        when(outbox.reserveSeqs(eq(BASE_ID), anyInt())).thenReturn(FIRST_SEQ);
        when(encoder.encode(any(), anyLong())).thenAnswer(call -> payload(call.getArgument(0), call.getArgument(1)));
    }

    /** A second base, with the same table as the first: it exists, and its table is found. */
    public BaseId givenSecondBase() {
        BaseId second = new BaseId("00000000000000000000000000000abc");
        when(bases.lockById(second)).thenReturn(Optional.of(Base.restore(second, "Other", CREATED)));
        when(tables.findById(second, TABLE_ID)).thenReturn(Optional.of(
                Table.restore(TABLE_ID, second, "Opportunities", table.columns(), CREATED)));
        // several bases' seqs at once: each base's from FIRST_SEQ
        when(outbox.reserveSeqs(ArgumentMatchers.<Map<BaseId, Integer>>any())).thenAnswer(call -> {
            Map<BaseId, Integer> counts = call.getArgument(0);
            Map<BaseId, Long> first = new HashMap<>();
            counts.keySet().forEach(id -> first.put(id, FIRST_SEQ));
            return first;
        });
        return second;
    }

    /**
     * The first lock of the base waits for {@code release} (after counting {@code locked} down), so that writes
     * queue up behind the one holding it; the lock's calls are counted in what is returned.
     */
    public AtomicInteger holdFirstLock(CountDownLatch locked, CountDownLatch release) {
        AtomicInteger locks = new AtomicInteger();
        when(bases.lockById(BASE_ID)).thenAnswer(call -> {
            if (locks.getAndIncrement() == 0) {
                locked.countDown();
                assertTrue(release.await(20, TimeUnit.SECONDS));
            }
            return Optional.of(base);
        });
        return locks;
    }

    /** Starts a write on a thread of the pool and returns once it waits for its turn. */
    public static <T> Future<T> queued(ExecutorService threads, Callable<T> write) throws InterruptedException {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Future<T> future = threads.submit(() -> {
            thread.set(Thread.currentThread());
            return write.call();
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the write never queued up");
            Thread.sleep(5);
        }
        return future;
    }

    /** What the fake encoder makes of an event, so a test can tell which event a payload belongs to. */
    public static String payload(ChangeEvent event, long seq) {
        return "{\"event_id\":\"" + event.id() + "\",\"seq\":" + seq + "}";
    }

    public Object[] allPorts() {
        return new Object[] {bases, tables, rows, tokens, outbox, encoder, deliveries, wakeup, webhooks, targets, sender};
    }

    /** A stored row of the table, and the repository answering it by id. */
    public Row givenRow(Object... keyValuePairs) {
        Map<ColumnKey, CellValue> cells = new LinkedHashMap<>();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            cells.put(((Column) keyValuePairs[i]).key(), (CellValue) keyValuePairs[i + 1]);
        }
        return Row.restore(RowId.random(), TABLE_ID, cells, CREATED, CREATED);
    }

    /** These rows exist; any other id asked for is missing. */
    public void givenStoredRows(Row... stored) {
        when(rows.findByIds(eq(BASE_ID), eq(TABLE_ID), anyCollection())).thenAnswer(call -> {
            Collection<RowId> ids = call.getArgument(2);
            Map<RowId, Row> found = new LinkedHashMap<>();
            for (Row row : stored) {
                if (ids.contains(row.id())) {
                    found.put(row.id(), row);
                }
            }
            return found;
        });
    }

    /** The one batch handed to {@code append}; fails unless append was called exactly once. */
    @SuppressWarnings("unchecked")
    public List<StoredEvent> appended() {
        ArgumentCaptor<List<StoredEvent>> captor = ArgumentCaptor.forClass(List.class);
        verify(outbox).append(captor.capture());
        return captor.getValue();
    }

    /** Every event handed to the encoder, in order. */
    public List<ChangeEvent> encoded() {
        ArgumentCaptor<ChangeEvent> captor = ArgumentCaptor.forClass(ChangeEvent.class);
        verify(encoder, atLeastOnce()).encode(captor.capture(), anyLong());
        return captor.getAllValues();
    }

    public static CellValue text(String value) {
        return new CellValue.Text(value);
    }

    public static CellValue number(String value) {
        return new CellValue.Number(new BigDecimal(value));
    }

    public static CellValue checkbox(boolean value) {
        return new CellValue.Checkbox(value);
    }

    public static CellValue option(String id) {
        return new CellValue.Option(id);
    }

    public static final WebhookUrl HOOK_URL = new WebhookUrl("https://example.com/hook");
    public static final WebhookSecret HOOK_SECRET = WebhookSecret.supplied("my-shared-secret-1");

    /** An enabled or disabled webhook of the base at {@code url}, with a generated secret; stored nowhere. */
    public static Webhook webhookAt(String url, boolean enabled) {
        return Webhook.restore(WebhookId.random(), BASE_ID, new WebhookUrl(url), "", enabled, false,
                WebhookSecret.generate(), null, null, null, CREATED, CREATED);
    }

    /** A stored webhook of the base, answered by id and in the base's list, and deletable. */
    public Webhook givenWebhook(boolean enabled) {
        Webhook webhook = Webhook.restore(WebhookId.random(), BASE_ID, HOOK_URL, "CRM sync", enabled, !enabled,
                HOOK_SECRET, null, null, enabled ? null : CREATED, CREATED, CREATED);
        when(webhooks.findById(BASE_ID, webhook.id())).thenReturn(Optional.of(webhook));
        when(webhooks.lockById(BASE_ID, webhook.id())).thenReturn(Optional.of(webhook));
        when(webhooks.findByBase(BASE_ID)).thenReturn(List.of(webhook));
        when(webhooks.delete(BASE_ID, webhook.id())).thenReturn(true);
        return webhook;
    }

    public CreateWebhookService createWebhook() {
        return new CreateWebhookService(lookup, webhooks, targets, transactions, limits, clock);
    }

    public UpdateWebhookService updateWebhook() {
        return new UpdateWebhookService(lookup, webhooks, deliveries, targets, transactions, wakeup, clock);
    }

    public DeleteWebhookService deleteWebhook() {
        return new DeleteWebhookService(lookup, webhooks, transactions);
    }

    public RotateWebhookSecretService rotateWebhookSecret() {
        return new RotateWebhookSecretService(lookup, webhooks, transactions, clock);
    }

    public TestWebhookService testWebhook() {
        return new TestWebhookService(webhooks, sender, encoder, clock);
    }

    public ListWebhooksService listWebhooks() {
        return new ListWebhooksService(lookup, webhooks, transactions);
    }

    public GetWebhookService getWebhook() {
        return new GetWebhookService(webhooks);
    }

    /** The way the product runs content writes: in groups. */
    public ContentWrites groupCommit(Limits limits) {
        return new GroupCommit(transactions, lookup, rows, recorder, clock, limits.maxRowsPerBatch());
    }

    /** The plain way: a transaction per write. */
    public ContentWrites transactionPerWrite() {
        return new TransactionPerWrite(transactions, lookup, rows, recorder, clock);
    }

    public InsertRowsService insertRows(Limits limits) {
        return insertRows(limits, groupCommit(limits));
    }

    public InsertRowsService insertRows(Limits limits, ContentWrites writes) {
        return new InsertRowsService(writes, limits, WriteBudget.UNBOUNDED);
    }

    public UpdateRowsService updateRows(Limits limits) {
        return updateRows(limits, groupCommit(limits));
    }

    public UpdateRowsService updateRows(Limits limits, ContentWrites writes) {
        return new UpdateRowsService(writes, rows, limits, WriteBudget.UNBOUNDED);
    }

    public DeleteRowsService deleteRows(Limits limits) {
        return deleteRows(limits, groupCommit(limits));
    }

    public DeleteRowsService deleteRows(Limits limits, ContentWrites writes) {
        return new DeleteRowsService(writes, rows, limits);
    }
}
