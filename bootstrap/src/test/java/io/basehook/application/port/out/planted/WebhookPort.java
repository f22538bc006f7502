package io.basehook.application.port.out.planted;

/** A planted violation of WEBHOOK_PORT_IN_THE_DOMAIN (test sources only): a webhook port the application defines. */
public interface WebhookPort {

    void send(String payload);
}
