package io.basehook.adapter.rest.gate;

import io.basehook.adapter.rest.problem.ProblemResponses;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.json.JsonMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;

/**
 * Puts a {@link RequestMemoryHandler} behind the HTTP decoder of every connection (HTTP/1) or stream (HTTP/2):
 * a filter would come too late, Micronaut may buffer a body before filters and routes run.
 */
@Singleton
final class RequestMemoryCustomizer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final RequestMemoryGate gate;
    private final byte[] refusal;

    RequestMemoryCustomizer(RequestMemoryGate gate, JsonMapper json) {
        this.gate = gate;
        this.refusal = RequestMemoryHandler.refusalBody(json, ProblemResponses.problem(503, "request_budget_exhausted",
                "the server is holding as many large requests as its memory allows; retry later", null, null));
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new ForChannel(null));
        return event.getBean();
    }

    private final class ForChannel implements NettyServerCustomizer {

        private final Channel channel;

        ForChannel(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new ForChannel(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            String decoder = pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    ? ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC
                    : pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_DECODER) != null
                    ? ChannelPipelineCustomizer.HANDLER_HTTP_DECODER : null;
            if (decoder != null && pipeline.get(RequestMemoryHandler.class) == null) {
                pipeline.addAfter(decoder, "basehook-request-memory", new RequestMemoryHandler(gate, refusal));
            }
        }
    }
}
