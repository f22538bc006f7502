package io.basehook.adapter.webhook;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.netty.channel.DefaultEventLoopGroupConfiguration;
import io.micronaut.http.netty.channel.EventLoopGroupConfiguration;
import io.micronaut.http.netty.channel.EventLoopGroupFactory;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.http.netty.channel.NettyChannelType;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;

/**
 * The webhook client's DNS resolver: Netty's asynchronous one instead of the JDK's, which would block an event
 * loop for as long as a slow name server takes (waiting on one endpoint takes no shared worker).
 */
@Factory
class WebhookResolverFactory {

    @Singleton
    @Named(WebhookClientConfiguration.RESOLVER)
    AddressResolverGroup<InetSocketAddress> webhookResolver(EventLoopGroupFactory channels,
                                                            EventLoopGroupRegistry eventLoops) {
        // the resolver's channels must be of the transport the client's event loop runs (NIO, epoll, …)
        EventLoopGroupConfiguration loop = eventLoops.getEventLoopGroupConfiguration(EventLoopGroupConfiguration.DEFAULT)
                .orElseGet(DefaultEventLoopGroupConfiguration::new);
        return new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelFactory(() -> (DatagramChannel) channels.channelInstance(NettyChannelType.DATAGRAM_SOCKET, loop))
                .socketChannelFactory(() -> (SocketChannel) channels.channelInstance(NettyChannelType.CLIENT_SOCKET, loop)));
    }
}
