package io.basehook.adapter.rest.gate;

import io.basehook.adapter.rest.problem.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * Sits right behind the HTTP decoder of one connection: admits each request against the {@link RequestMemoryGate}
 * from its head alone, so a refused body is dropped unread, and gives the reservation back once the response has
 * been written completely or the connection has gone. Runs on the connection's event loop: it never waits.
 */
final class RequestMemoryHandler extends ChannelDuplexHandler {

    private final RequestMemoryGate gate;
    private final byte[] refusal;
    // weights of the requests passed on whose responses are not yet completely written, oldest first
    private final ArrayDeque<Long> unanswered = new ArrayDeque<>();
    private boolean discarding;
    private boolean closeAfterDiscard;

    RequestMemoryHandler(RequestMemoryGate gate, byte[] refusal) {
        this.gate = gate;
        this.refusal = refusal;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            long weight = gate.weightOf(request.method().name(), request.uri(), HttpUtil.getContentLength(request, -1L),
                    HttpUtil.isTransferEncodingChunked(request));
            if (weight == 0 || gate.tryAcquire(weight)) {
                unanswered.add(weight);
                ctx.fireChannelRead(msg);
            } else {
                discarding = !(msg instanceof LastHttpContent);
                refuse(ctx, request);
                ReferenceCountUtil.release(msg);
            }
        } else if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            if (!discarding && closeAfterDiscard) {
                ctx.close();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(refusal));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, refusal.length)
                .set(HttpHeaderNames.RETRY_AFTER, "5");
        if (!unanswered.isEmpty()) {
            // an earlier response on this connection is still being written: it must not be interleaved
            discarding = false;
            ctx.close();
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!keepAlive || HttpUtil.is100ContinueExpected(request)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (HttpUtil.is100ContinueExpected(request) || (!keepAlive && !discarding)) {
            // a client waiting for 100-continue may never send the body: nothing more is read on this connection
            discarding = false;
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            // the client goes on sending: read its body to the end, unbuffered, so it sees this answer
            closeAfterDiscard = !keepAlive;
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && !informational(msg) && !unanswered.isEmpty()) {
            long weight = unanswered.poll();
            if (weight > 0) {
                promise = promise.unvoid();
                // written or failed: either way the request holds nothing any more
                promise.addListener(done -> gate.release(weight));
            }
        }
        ctx.write(msg, promise);
    }

    private static boolean informational(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseAll();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll();
    }

    private void releaseAll() {
        Long weight;
        while ((weight = unanswered.poll()) != null) {
            if (weight > 0) {
                gate.release(weight);
            }
        }
    }

    static byte[] refusalBody(io.micronaut.json.JsonMapper json, Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the refusal cannot be written as JSON", e);
        }
    }
}
