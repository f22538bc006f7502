package io.basehook.adapter.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The body of an answer reaches the client cut to what an attempt keeps; the rest is released as it arrives. */
class ResponseBodyTrimmerTest {

    private static final int CHUNK = 64 * 1024;

    @Test
    void twentyMebibytesPassOnAsTheKeptBytesAndEveryChunkIsReleased() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseBodyTrimmer());
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 20 << 20);
        List<ByteBuf> sent = new ArrayList<>();

        channel.writeInbound(head);
        for (int i = 0; i < (20 << 20) / CHUNK; i++) {
            ByteBuf chunk = Unpooled.buffer(CHUNK).writeZero(CHUNK);
            sent.add(chunk);
            channel.writeInbound(i == (20 << 20) / CHUNK - 1 ? new DefaultLastHttpContent(chunk) : new DefaultHttpContent(chunk));
        }

        HttpResponse passedHead = channel.readInbound();
        assertSame(head, passedHead);
        assertEquals(String.valueOf(ResponseBodyTrimmer.KEPT_BYTES), passedHead.headers().get(HttpHeaderNames.CONTENT_LENGTH),
                "the length the client is told matches what it gets");
        int passed = 0;
        HttpContent content;
        HttpContent last = null;
        while ((content = channel.readInbound()) != null) {
            passed += content.content().readableBytes();
            last = content;
            content.release();
        }
        assertEquals(ResponseBodyTrimmer.KEPT_BYTES, passed);
        assertInstanceOf(LastHttpContent.class, last, "the answer still ends");
        assertTrue(sent.stream().allMatch(chunk -> chunk.refCnt() == 0), "nothing held beyond the kept bytes");
    }

    @Test
    void aSmallBodyPassesUntouchedAndTheNextAnswerStartsAfresh() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseBodyTrimmer());
        for (int answer = 0; answer < 2; answer++) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 3000);
            LastHttpContent body = new DefaultLastHttpContent(Unpooled.buffer(3000).writeZero(3000));

            channel.writeInbound(head, body);

            assertSame(head, channel.readInbound());
            assertEquals("3000", head.headers().get(HttpHeaderNames.CONTENT_LENGTH));
            assertSame(body, channel.readInbound(), "no copy of a body within the limit");
            body.release();
        }
        assertNull(channel.readInbound());
    }
}
