package io.basehook.adapter.webhook;

import io.micronaut.http.client.netty.NettyClientCustomizer;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.resolver.AddressResolverGroup;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Puts {@link Guard} first in the pipeline of every connection of the webhook client, so the address that is
 * really connected to (after DNS) passes {@link WebhookAddressGuard#permits} or no packet is sent; and a
 * {@link ResponseBodyTrimmer} after the HTTP decoder, so a large answer is read to its end without being held.
 *
 * <p>Hooked at {@code specializeForBootstrap}, not {@code specializeForChannel}: for plain HTTP/1 Micronaut
 * specializes the channel only once it is active, after the TCP connect. The customizer registry is shared by
 * every Micronaut client of the application; only bootstraps that use the webhook client's own resolver are
 * touched, so other clients are left alone.
 */
@Singleton
public final class WebhookConnectionCustomizer implements NettyClientCustomizer {

    static final String HANDLER_NAME = "basehook-address-guard";

    private final AddressResolverGroup<?> webhookResolver;
    private final Guard guard;
    private final NettyClientCustomizer webhookConnections = new NettyClientCustomizer() {
        @Override
        public NettyClientCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new TrimmedConnection(channel) : this;
        }
    };

    /** Registers itself: Micronaut does not pick customizers up as beans, only through the registry. */
    @Inject
    public WebhookConnectionCustomizer(NettyClientCustomizer.Registry registry,
                                       @Named(WebhookClientConfiguration.RESOLVER) AddressResolverGroup<InetSocketAddress> webhookResolver,
                                       WebhookAddressGuard addressGuard) {
        this(webhookResolver, addressGuard);
        registry.register(this);
    }

    WebhookConnectionCustomizer(AddressResolverGroup<?> webhookResolver, WebhookAddressGuard addressGuard) {
        this.webhookResolver = webhookResolver;
        this.guard = new Guard(addressGuard);
    }

    @Override
    public NettyClientCustomizer specializeForBootstrap(Bootstrap bootstrap) {
        if (bootstrap.config().resolver() != webhookResolver) {
            return this;
        }
        ChannelHandler original = bootstrap.config().handler();
        bootstrap.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                // first = nearest the socket: it sees the connect last, with the address the socket will get
                channel.pipeline().addFirst(HANDLER_NAME, guard);
                channel.pipeline().addLast(original);
            }
        });
        return webhookConnections;
    }

    /** Adds the trimmer once Micronaut has built the connection's HTTP/1 pipeline (after the TCP connect). */
    private record TrimmedConnection(Channel channel) implements NettyClientCustomizer {
        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            // after the decompressor when there is one, so the kept bytes are text and a zip bomb is not held
            String decoder = pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_DECODER) != null
                    ? ChannelPipelineCustomizer.HANDLER_HTTP_DECODER : ChannelPipelineCustomizer.HANDLER_HTTP_CLIENT_CODEC;
            if (pipeline.get(decoder) != null && pipeline.get(ResponseBodyTrimmer.HANDLER_NAME) == null) {
                pipeline.addAfter(decoder, ResponseBodyTrimmer.HANDLER_NAME, new ResponseBodyTrimmer());
            }
        }
    }

    /** Fails the connect promise of a blocked address; Netty's bootstrap then closes the unconnected channel. */
    @ChannelHandler.Sharable
    static final class Guard extends ChannelOutboundHandlerAdapter {

        private final WebhookAddressGuard addressGuard;

        Guard(WebhookAddressGuard addressGuard) {
            this.addressGuard = addressGuard;
        }

        @Override
        public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            if (remote instanceof InetSocketAddress inet
                    && (inet.isUnresolved() || !addressGuard.permits(inet.getAddress()))) {
                promise.setFailure(new BlockedAddressException(inet));
                return;
            }
            ctx.connect(remote, local, promise);
            ctx.pipeline().remove(this); // checked once per connection; requests on a pooled one pay nothing
        }
    }
}
