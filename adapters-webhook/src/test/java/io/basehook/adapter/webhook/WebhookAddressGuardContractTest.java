package io.basehook.adapter.webhook;

import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.testkit.contract.WebhookTargetPolicyContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link WebhookAddressGuard}, as the application context builds it, keeps the target policy's contract. */
class WebhookAddressGuardContractTest implements WebhookTargetPolicyContract {

    private static ApplicationContext byDefault;
    private static ApplicationContext privateAllowed;

    @BeforeAll
    static void startContexts() {
        byDefault = ApplicationContext.run();
        privateAllowed = ApplicationContext.run(Map.of("basehook.webhooks.allow-private-addresses", "true"));
    }

    @AfterAll
    static void stopContexts() {
        byDefault.close();
        privateAllowed.close();
    }

    @Override
    public WebhookTargetPolicy defaultPolicy() {
        return byDefault.getBean(WebhookAddressGuard.class);
    }

    @Override
    public WebhookTargetPolicy allowingPrivateAddresses() {
        return privateAllowed.getBean(WebhookAddressGuard.class);
    }
}
