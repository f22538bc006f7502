package io.basehook.benchmark;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackFloorTest {

    @Test
    void everyConnectionCarriesRequestsTheReceiversReadAsBasehooksInsertEvents() throws Exception {
        List<Receiver> receivers = new ArrayList<>();
        try {
            receivers.add(new Receiver("a", Duration.ZERO, "127.0.0.1"));
            receivers.add(new Receiver("b", Duration.ZERO, "127.0.0.1"));

            LoopbackFloor.Result result = LoopbackFloor.measure(receivers, 3, Duration.ofMillis(100), Duration.ofMillis(300));

            assertEquals(2, result.receivers());
            assertEquals(6, result.connections());
            assertEquals(LoopbackFloor.body().length, result.bodyBytes());
            assertEquals(LoopbackFloor.request(receivers.get(0).url(), LoopbackFloor.body()).length, result.requestBytes());
            assertTrue(result.requestsPerSecond() > 0, "requests/s " + result.requestsPerSecond());
            assertTrue(result.senderMicros() > 0 && result.receiverMicros() > 0, result.describe(2));
            assertEquals(result.senderMicros() + result.receiverMicros(), result.hopMicros(), 1e-9);
            for (Receiver receiver : receivers) {
                assertTrue(receiver.count() > 0, receiver.name() + " got nothing");
                Receiver.Arrival first = receiver.arrivals().get(0);
                // what a webhook request carries, parsed by the same receiver every scenario uses
                assertEquals("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H", first.eventId());
                assertEquals("insert_row", first.opType());
                assertEquals("QoNno3QiTF26sxmG1sl3_g", first.rowId());
                assertEquals(1000, first.seq());
            }
        } finally {
            receivers.forEach(Receiver::close);
        }
    }

    @Test
    void theCeilingIsWhatTheCoresCarryAtTheHopsCost() {
        LoopbackFloor.Result result = new LoopbackFloor.Result(10, 160, 600, 960, 40_000, 15, 25, 42);

        assertEquals(40, result.hopMicros(), 1e-9);
        assertEquals(50_000, result.ceiling(2), 1e-6);
        assertTrue(result.describe(2).contains("at most 50,000 /s"), result.describe(2));
    }
}
