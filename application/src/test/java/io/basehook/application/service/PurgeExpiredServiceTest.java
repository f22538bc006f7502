package io.basehook.application.service;

import io.basehook.application.port.out.RetentionStore;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class PurgeExpiredServiceTest {

    private final RetentionStore store = mock(RetentionStore.class);
    private final Clock clock = Clock.fixed(Fixture.NOW, ZoneOffset.UTC);

    @Test
    void purgesDeliveryLogsThenEventsAtTheirOwnCutoffs() {
        when(store.purgeDeliveryLogs(eq(Fixture.NOW.minus(Duration.ofDays(7))), anyInt())).thenReturn(4);
        when(store.purgeEvents(eq(Fixture.NOW.minus(Duration.ofDays(30))), anyInt())).thenReturn(3);

        int removed = new PurgeExpiredService(store, Duration.ofDays(30), Duration.ofDays(7), clock).purgeExpired();

        assertEquals(7, removed);
        // logs first: events are only free to go once no delivery record points at them
        InOrder order = inOrder(store);
        order.verify(store).purgeDeliveryLogs(eq(Fixture.NOW.minus(Duration.ofDays(7))), anyInt());
        order.verify(store).purgeEvents(eq(Fixture.NOW.minus(Duration.ofDays(30))), anyInt());
    }

    // deleting an event takes its deliveries with it: with the defaults (events 7 days, logs 30) the log would
    // otherwise keep a week, and a failed delivery could not be redelivered after that
    @Test
    void eventsStayAsLongAsTheDeliveryLogThatShowsThem() {
        new PurgeExpiredService(store, Duration.ofDays(7), Duration.ofDays(30), clock).purgeExpired();

        InOrder order = inOrder(store);
        order.verify(store).purgeDeliveryLogs(eq(Fixture.NOW.minus(Duration.ofDays(30))), anyInt());
        order.verify(store).purgeEvents(eq(Fixture.NOW.minus(Duration.ofDays(30))), anyInt());
        verify(store, never()).purgeEvents(eq(Fixture.NOW.minus(Duration.ofDays(7))), anyInt());
    }
}
