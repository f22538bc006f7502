package io.basehook.adapter.payload;

import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.testkit.contract.EventPayloadEncoderContract;

/** {@link SeaTablePayloadEncoder} keeps the payload encoder's contract. */
class SeaTablePayloadEncoderContractTest implements EventPayloadEncoderContract {

    private final SeaTablePayloadEncoder encoder = new SeaTablePayloadEncoder();

    @Override
    public EventPayloadEncoder encoder() {
        return encoder;
    }
}
