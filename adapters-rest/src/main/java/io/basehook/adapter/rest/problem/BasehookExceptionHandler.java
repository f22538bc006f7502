package io.basehook.adapter.rest.problem;

import io.basehook.domain.shared.BasehookException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Routes every {@link BasehookException}, from a controller or the auth filter, to {@link ProblemResponses}. */
@Singleton
public final class BasehookExceptionHandler implements ExceptionHandler<BasehookException, HttpResponse<Problem>> {

    private final ProblemResponses problems;

    public BasehookExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, BasehookException exception) {
        return problems.of(exception);
    }
}
