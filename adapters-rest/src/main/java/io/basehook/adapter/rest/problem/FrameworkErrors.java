package io.basehook.adapter.rest.problem;

import com.fasterxml.jackson.core.JsonParseException;
import io.basehook.adapter.rest.dto.ExactJson;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;

import java.util.List;
import java.util.Optional;

/** What Micronaut reports about a request it refused, as Basehook's code, detail and field errors. */
final class FrameworkErrors {

    private FrameworkErrors() {
    }

    static Problem describe(ErrorContext context, int status) {
        HttpRequest<?> request = context.getRequest();
        return switch (status) {
            case 400 -> badRequest(context);
            case 404 -> ProblemResponses.problem(404, "route_not_found",
                    "there is no endpoint " + request.getMethodName() + " " + request.getPath(), null, null);
            case 405 -> ProblemResponses.problem(405, "method_not_allowed", messages(context), null, null);
            case 406 -> ProblemResponses.problem(406, "not_acceptable", messages(context), null, null);
            case 413 -> ProblemResponses.problem(413, "request_too_large", messages(context), null, null);
            case 415 -> ProblemResponses.problem(415, "unsupported_media_type", messages(context), null, null);
            default -> ProblemResponses.problem(status, "http_" + status, messages(context), fieldProblems(context), null);
        };
    }

    private static Problem badRequest(ErrorContext context) {
        // a body reader's refusal, already in Basehook's words and naming the field
        Optional<BasehookException> refused = find(context, BasehookException.class);
        if (refused.isPresent()) {
            return ProblemResponses.problemOf(refused.get());
        }
        Optional<JsonParseException> syntax = find(context, JsonParseException.class);
        if (syntax.isPresent()) {
            return malformed(ExactJson.describe(syntax.get()));
        }
        if (find(context, JsonSyntaxException.class).isPresent()) {
            return malformed("malformed JSON");
        }
        Optional<ConversionErrorException> conversion = find(context, ConversionErrorException.class);
        if (conversion.isPresent()) {
            Argument<?> argument = conversion.get().getArgument();
            return invalidField(argument.getName(), argument.getName() + " must be " + expected(argument.getType()));
        }
        Optional<UnsatisfiedRouteException> missing = find(context, UnsatisfiedRouteException.class);
        if (missing.isPresent()) {
            Argument<?> argument = missing.get().getArgument();
            boolean body = missing.get() instanceof UnsatisfiedBodyRouteException;
            return invalidField(body ? "body" : argument.getName(),
                    body ? "the request needs a JSON body" : argument.getName() + " is required");
        }
        Optional<SerdeException> typeError = find(context, SerdeException.class).filter(e -> !e.getPath().isEmpty());
        if (typeError.isPresent()) {
            String field = field(typeError.get().getPath());
            return invalidField(field, field + " has the wrong JSON type");
        }
        // whatever else Micronaut refused: its own wording may name classes, so the client gets ours
        return ProblemResponses.problem(400, "invalid_request", "the request could not be read", null, null);
    }

    private static Problem invalidField(String field, String message) {
        return ProblemResponses.problem(400, "invalid_field", message, List.of(new Problem.FieldProblem(field, message)), null);
    }

    /** What a query or path value of this type must look like, as a client would say it. */
    private static String expected(Class<?> type) {
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        return "a valid value";
    }

    private static Problem malformed(String detail) {
        return ProblemResponses.problem(400, "malformed_json", detail, null, null);
    }

    /** Serde lists the path innermost first, with Java types; clients know it as {@code columns[0].options}. */
    private static String field(List<ReferencePath> path) {
        StringBuilder field = new StringBuilder();
        for (int i = path.size() - 1; i >= 0; i--) {
            ReferencePath step = path.get(i);
            if (step instanceof PropertyReferencePath property) {
                field.append(field.isEmpty() ? "" : ".").append(property.property().getName());
            } else if (step instanceof CollectionItemReferencePath item) {
                field.append('[').append(item.index()).append(']');
            } else if (step instanceof MapItemReferencePath entry) {
                field.append(field.isEmpty() ? "" : ".").append(entry.key());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static <T extends Throwable> Optional<T> find(ErrorContext context, Class<T> type) {
        Throwable cause = context.getRootCause().orElse(null);
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static String messages(ErrorContext context) {
        List<String> messages = context.getErrors().stream().map(Error::getMessage).toList();
        return messages.isEmpty() ? "the request was refused" : String.join("; ", messages);
    }

    private static List<Problem.FieldProblem> fieldProblems(ErrorContext context) {
        List<Problem.FieldProblem> fields = context.getErrors().stream()
                .filter(error -> error.getPath().isPresent())
                .map(error -> new Problem.FieldProblem(stripSlash(error.getPath().get()), error.getMessage()))
                .toList();
        return fields.isEmpty() ? null : fields;
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
