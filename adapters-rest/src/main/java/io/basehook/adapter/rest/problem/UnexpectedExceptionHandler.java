package io.basehook.adapter.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Catches what no more specific handler claims (Micronaut picks the closest exception type), so a bug or a
 * database failure answers 500 with an error id instead of its message.
 */
@Singleton
public final class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<Problem>> {

    private final ProblemResponses problems;

    public UnexpectedExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Exception exception) {
        return problems.unexpected(request, exception);
    }
}
