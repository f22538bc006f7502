package io.basehook.adapter.rest.problem;

import com.fasterxml.jackson.core.JsonParseException;
import io.basehook.adapter.rest.dto.ExactJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;

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
        Optional<JsonParseException> syntax = find(context, JsonParseException.class);
        if (syntax.isPresent()) {
            return malformed(ExactJson.describe(syntax.get()));
        }
        if (find(context, JsonSyntaxException.class).isPresent()) {
            return malformed("malformed JSON");
        }
        Optional<SerdeException> typeError = find(context, SerdeException.class).filter(e -> !e.getPath().isEmpty());
        if (typeError.isPresent()) {
            String field = field(typeError.get().getPath());
            String reason = firstLine(typeError.get().getMessage());
            String message = field + " has the wrong JSON type" + (reason.isEmpty() ? "" : " (" + reason + ")");
            return ProblemResponses.problem(400, "invalid_field", message,
                    List.of(new Problem.FieldProblem(field, message)), null);
        }
        return ProblemResponses.problem(400, "invalid_request", messages(context), fieldProblems(context), null);
    }

    /** The reason without the location dump Jackson appends on the following lines. */
    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
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
