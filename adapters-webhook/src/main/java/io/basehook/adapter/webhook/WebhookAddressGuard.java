package io.basehook.adapter.webhook;

import io.basehook.domain.webhook.AddressRules;
import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook targets (SSRF), both halves with one classifier ({@link AddressRules}): {@link #requireAllowed} when a
 * webhook is saved, and {@link #permits} for the address each attempt actually connects to
 * ({@link WebhookConnectionCustomizer}), so DNS rebinding gains nothing.
 */
@Singleton
public class WebhookAddressGuard implements WebhookTargetPolicy {

    /** Turns a host as written in a URL into the addresses a connection to it could reach. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final AddressRules rules;
    private final Resolver resolver;

    /** Resolves with the sender's own resolver, so save and send read a host (literal or name) the same way. */
    @Inject
    public WebhookAddressGuard(
            WebhookAddressConfiguration configuration,
            @Named(WebhookClientConfiguration.RESOLVER) AddressResolverGroup<InetSocketAddress> webhookResolver,
            EventLoopGroupRegistry eventLoops) {
        this(rules(configuration.allowPrivateAddresses(), configuration.allowedNetworks()),
                host -> resolveWith(webhookResolver, eventLoops, host));
    }

    WebhookAddressGuard(AddressRules rules, Resolver resolver) {
        this.rules = rules;
        this.resolver = resolver;
    }

    static AddressRules rules(boolean allowPrivateAddresses, String allowedNetworks) {
        try {
            return new AddressRules(allowPrivateAddresses, AddressRules.parseNetworks(allowedNetworks));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("basehook.webhooks.allowed-networks: " + e.getMessage(), e);
        }
    }

    /** Resolves the host here: this runs when a webhook is saved, on a thread that may block. */
    @Override
    public void requireAllowed(WebhookUrl url) {
        String host = url.host();
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw BasehookException.invalid("unknown_host", "url", "the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!rules.permits(address)) {
                // which internal address a name has is not the caller's to learn
                throw BasehookException.invalid("blocked_address", "url", "the host " + host
                        + " leads to an internal address, which webhooks may not reach");
            }
        }
    }

    /** Whether an attempt may connect to this resolved address. */
    public boolean permits(InetAddress address) {
        return rules.permits(address);
    }

    private static List<InetAddress> resolveWith(AddressResolverGroup<InetSocketAddress> resolvers,
                                                 EventLoopGroupRegistry eventLoops, String host)
            throws UnknownHostException {
        Future<List<InetSocketAddress>> answer = resolvers.getResolver(eventLoops.getDefaultEventLoopGroup().next())
                .resolveAll(InetSocketAddress.createUnresolved(host, 0))
                .awaitUninterruptibly(); // bounded by the resolver's query timeout
        if (!answer.isSuccess()) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new ArrayList<>(answer.getNow().size());
        for (InetSocketAddress resolved : answer.getNow()) {
            addresses.add(resolved.getAddress());
        }
        return addresses;
    }
}
