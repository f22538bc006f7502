package io.basehook.adapter.webhook;

import io.basehook.domain.delivery.Attempt;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Passes on the first {@link #KEPT_BYTES} of each response body and releases the rest as it arrives: an attempt
 * keeps 4 KiB, so an answer of any size is read to its end (its connection stays reusable) without being held.
 * One per connection, between the HTTP decoder and Micronaut's response handler.
 */
final class ResponseBodyTrimmer extends ChannelInboundHandlerAdapter {

    static final String HANDLER_NAME = "basehook-body-trimmer";
    /** What an attempt keeps, and one byte more to tell whether the cut splits a character. */
    static final int KEPT_BYTES = Attempt.MAX_BODY_CHARS + 1;

    private int passed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            passed = 0;
            if (HttpUtil.getContentLength(response, -1L) > KEPT_BYTES) {
                response.headers().set(HttpHeaderNames.CONTENT_LENGTH, KEPT_BYTES); // what the client will get
            }
        }
        if (!(msg instanceof HttpContent content)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int readable = content.content().readableBytes();
        int room = KEPT_BYTES - passed;
        if (readable <= room) {
            passed += readable;
            ctx.fireChannelRead(msg);
            return;
        }
        passed = KEPT_BYTES;
        if (room == 0 && !(content instanceof LastHttpContent)) {
            content.release();
            return;
        }
        HttpContent trimmed = content.replace(room == 0 ? Unpooled.EMPTY_BUFFER
                : content.content().retainedSlice(content.content().readerIndex(), room));
        content.release();
        ctx.fireChannelRead(trimmed);
    }
}
