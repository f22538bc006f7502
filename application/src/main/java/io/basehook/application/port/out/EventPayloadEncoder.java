package io.basehook.application.port.out;

import io.basehook.domain.row.ChangeEvent;

/** Renders an event as the JSON body webhooks receive; done once per event, at commit. */
public interface EventPayloadEncoder {

    String encode(ChangeEvent event, long seq);
}
