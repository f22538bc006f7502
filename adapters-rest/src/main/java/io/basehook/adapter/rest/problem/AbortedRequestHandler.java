package io.basehook.adapter.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

/**
 * An I/O failure that reaches a route is the request's own connection failing, typically a client that hung up in the
 * middle of its body: that is no fault of Basehook, so it is not logged as an unexpected error with a stack trace.
 */
@Singleton
public final class AbortedRequestHandler implements ExceptionHandler<IOException, HttpResponse<Problem>> {

    private final ProblemResponses problems;

    public AbortedRequestHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IOException exception) {
        return connectionFailed(exception) ? problems.aborted(request, exception) : problems.unexpected(request, exception);
    }

    /** Micronaut's "connection closed before full body", a reset, a closed channel, or Netty's native socket errors. */
    private static boolean connectionFailed(IOException e) {
        return e instanceof EOFException || e instanceof SocketException || e instanceof ClosedChannelException
                || e.getClass().getName().startsWith("io.netty.");
    }
}
