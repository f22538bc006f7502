package io.basehook.bootstrap;

import io.basehook.application.port.out.DeliveryClaims;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only, in a context started with {@code basehook.test.claim-faults=true}: while {@link #ON} is set, every
 * claim of the delivery queue throws an {@link OutOfMemoryError} on the delivery loop's thread, as a claim did
 * when one large read elsewhere had run the heap out.
 */
@Singleton
@Requires(property = "basehook.test.claim-faults", value = "true")
final class ClaimFaults implements BeanCreatedEventListener<DeliveryClaims> {

    static final AtomicBoolean ON = new AtomicBoolean();
    /** Claims that threw. */
    static final AtomicInteger THROWN = new AtomicInteger();

    @Override
    public DeliveryClaims onCreated(BeanCreatedEvent<DeliveryClaims> event) {
        DeliveryClaims queue = event.getBean();
        // the adapter's bean may play the other roles of the deliveries too: the proxy plays them all
        return (DeliveryClaims) Proxy.newProxyInstance(DeliveryClaims.class.getClassLoader(),
                queue.getClass().getInterfaces(), (proxy, method, args) -> {
                    if (ON.get() && method.getName().equals("claim")) {
                        THROWN.incrementAndGet();
                        throw new OutOfMemoryError("Java heap space (thrown by the test)");
                    }
                    try {
                        return method.invoke(queue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
