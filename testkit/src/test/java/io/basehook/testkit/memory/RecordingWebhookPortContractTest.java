package io.basehook.testkit.memory;

import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.webhook.WebhookUrl;
import io.basehook.testkit.contract.WebhookPortContract;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@link RecordingWebhookPort} keeps the port's contract: its receivers are the answers it is told. */
class RecordingWebhookPortContractTest implements WebhookPortContract {

    private RecordingWebhookPort port;

    @BeforeEach
    void newPort() {
        port = new RecordingWebhookPort();
    }

    @Override
    public WebhookPort port() {
        return port;
    }

    @Override
    public WebhookUrl receiverAnswering(int status) {
        WebhookUrl url = new WebhookUrl("https://receiver.example.com/" + status);
        port.answer(url, RecordingWebhookPort.status(status));
        return url;
    }

    @Override
    public WebhookUrl refusingTarget() {
        WebhookUrl url = new WebhookUrl("https://refusing.example.com/");
        port.answer(url, RecordingWebhookPort.failing(AttemptError.CONNECTION_REFUSED));
        return url;
    }

    @Override
    public WebhookUrl silentTarget() {
        WebhookUrl url = new WebhookUrl("https://silent.example.com/");
        port.answer(url, RecordingWebhookPort.failing(AttemptError.TIMEOUT));
        return url;
    }

    /** What reached a receiver: every message but those to a target that refused or never answered. */
    @Override
    public List<Received> received() {
        return port.sent().stream().map(RecordingWebhookPort.Sent::message)
                .filter(message -> message.target().host().equals("receiver.example.com"))
                .map(message -> new Received(message.payload().getBytes(StandardCharsets.UTF_8),
                        message.eventId().value())).toList();
    }
}
