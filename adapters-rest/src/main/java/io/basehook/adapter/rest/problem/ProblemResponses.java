package io.basehook.adapter.rest.problem;

import io.basehook.domain.shared.BasehookException;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * The one place where errors become {@code application/problem+json}: Basehook's own exceptions, Micronaut's
 * errors (as the server's {@link ErrorResponseProcessor}, so 400/404/405/413/415 look alike) and unexpected ones.
 */
@Singleton
public final class ProblemResponses implements ErrorResponseProcessor<Problem> {

    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_JSON_PROBLEM_TYPE;
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    // a URN names the problem without pretending there is a page to fetch
    private static final String PROBLEM_TYPE_PREFIX = "urn:basehook:problem:";

    /** A rejection the domain or a use case decided on. */
    public MutableHttpResponse<Problem> of(BasehookException e) {
        HttpStatus status = statusOf(e.kind());
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status).body(problemOf(e)).contentType(PROBLEM_JSON);
        if (e.kind() == BasehookException.Kind.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e.kind() == BasehookException.Kind.UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response;
    }

    /** A failure nobody expected: the client gets only an id, the log gets the id with the stack trace. */
    public MutableHttpResponse<Problem> unexpected(HttpRequest<?> request, Throwable cause) {
        String errorId = logged(request, cause);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", internalDetail(errorId), null, errorId);
    }

    /** The client hung up before its request was complete: one line without a stack trace, and an answer nobody reads. */
    public MutableHttpResponse<Problem> aborted(HttpRequest<?> request, Throwable cause) {
        LOG.debug("Client connection ended before the request was complete on {} {}: {}", request.getMethodName(),
                request.getPath(), cause.getMessage());
        return respond(HttpStatus.BAD_REQUEST, "incomplete_request", "the request ended before its body was complete",
                null, null);
    }

    /** Errors Micronaut itself answers: unknown route, wrong method, unreadable body, body too large, ... */
    @Override
    @NonNull
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context,
                                                        @NonNull MutableHttpResponse<?> response) {
        MutableHttpResponse<Problem> problemResponse = (MutableHttpResponse<Problem>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return problemResponse;
        }
        int status = response.code();
        Problem problem;
        if (status >= 500) {
            String errorId = logged(context.getRequest(), context.getRootCause().orElse(null));
            problem = problem(status, "internal_error", internalDetail(errorId), null, errorId);
        } else {
            problem = FrameworkErrors.describe(context, status);
        }
        return problemResponse.body(problem).contentType(PROBLEM_JSON);
    }

    static Problem problemOf(BasehookException e) {
        List<Problem.FieldProblem> errors = e.errors().isEmpty() ? null
                : e.errors().stream().map(error -> new Problem.FieldProblem(error.field(), error.message())).toList();
        return problem(statusOf(e.kind()).getCode(), e.code(), e.getMessage(), errors, null);
    }

    private static HttpStatus statusOf(BasehookException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            // 413 belongs to the body-size limit; a limit of the data (rows per batch, columns) is well-formed but refused
            case LIMIT_EXCEEDED -> HttpStatus.UNPROCESSABLE_ENTITY;
            // the database is away for a moment: the client may retry, unlike after a 500
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    private static MutableHttpResponse<Problem> respond(HttpStatus status, String code, String detail,
                                                        List<Problem.FieldProblem> errors, String errorId) {
        return HttpResponse.<Problem>status(status)
                .body(problem(status.getCode(), code, detail, errors, errorId))
                .contentType(PROBLEM_JSON);
    }

    public static Problem problem(int status, String code, String detail, List<Problem.FieldProblem> errors,
                                  String errorId) {
        return new Problem(PROBLEM_TYPE_PREFIX + code, title(status), status, detail, code, errors, errorId);
    }

    /** The standard reason phrase, whatever reason Micronaut put on the response (such as "Invalid JSON"). */
    private static String title(int status) {
        try {
            return HttpStatus.valueOf(status).getReason();
        } catch (IllegalArgumentException unknown) {
            return "HTTP " + status;
        }
    }

    private static String logged(HttpRequest<?> request, Throwable cause) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected error {} on {} {}", errorId, request.getMethodName(), request.getPath(), cause);
        return errorId;
    }

    private static String internalDetail(String errorId) {
        return "An unexpected error occurred; quote error id " + errorId + " when reporting it.";
    }
}
