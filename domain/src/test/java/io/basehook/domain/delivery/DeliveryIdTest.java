package io.basehook.domain.delivery;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryIdTest {

    @Test
    void aDeliveryIdIsShownAsDlvAndItsNumberAndParsedBack() {
        assertEquals("dlv_42", new DeliveryId(42).toString());
        assertEquals(new DeliveryId(42), DeliveryId.parse("dlv_42"));
        assertEquals(new DeliveryId(Long.MAX_VALUE), DeliveryId.parse("dlv_" + Long.MAX_VALUE));
    }

    // an id in a URL that cannot exist is simply not found, never a 400 or a 500
    @Test
    void anythingElseIsNotFound() {
        for (String bad : new String[] {null, "", "42", "dlv_", "dlv_0", "dlv_-1", "dlv_x", "dlv_1.5", "DLV_1", "wh_1",
                "dlv_99999999999999999999"}) {
            BasehookException e = assertThrows(BasehookException.class, () -> DeliveryId.parse(bad), String.valueOf(bad));
            assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
            assertEquals("delivery_not_found", e.code());
        }
        assertThrows(BasehookException.class, () -> new DeliveryId(0));
    }

    @Test
    void statusesHaveTheirWireNamesAndOnlyPendingAndRetryingAreOpen() {
        for (DeliveryStatus status : DeliveryStatus.values()) {
            assertEquals(status, DeliveryStatus.fromWireName(status.wireName(), "status"));
        }
        assertTrue(DeliveryStatus.PENDING.isOpen());
        assertTrue(DeliveryStatus.RETRYING.isOpen());
        assertFalse(DeliveryStatus.SUCCEEDED.isOpen());
        assertFalse(DeliveryStatus.FAILED.isOpen());
        BasehookException e = assertThrows(BasehookException.class, () -> DeliveryStatus.fromWireName("done", "status"));
        assertEquals("status", e.errors().get(0).field());
    }
}
