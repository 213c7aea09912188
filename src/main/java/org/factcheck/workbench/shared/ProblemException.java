package org.factcheck.workbench.shared;

import java.util.List;

/** Thrown by services for every expected failure; the mapper turns it into a problem answer. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final java.util.Map<String, Object> extensions;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        this(status, type, title, detail, errors, null);
    }

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors,
                            java.util.Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "validation", "Invalid request", detail, null);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalidFields(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
        return new ProblemException(400, "validation", "Invalid request", detail, errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist", null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, null);
    }

    public static ProblemException unprocessable(String type, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(422, type, "Unprocessable request", detail, errors);
    }

    public static ProblemException preconditionRequired() {
        return new ProblemException(428, "precondition-required", "Precondition required",
                "this change needs an If-Match header with the ETag of the resource as last read", null);
    }

    public static ProblemException stale(String what) {
        return new ProblemException(412, "stale", "Precondition failed",
                what + " was changed by someone else since it was read; read it again and re-apply the change", null);
    }

    public int status() {
        return status;
    }

    /** Adds a header to the problem answer (Retry-After, ...). */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem() {
        return new Problem(Problems.typeUri(type), title, status, getMessage(), errors.isEmpty() ? null : errors, extensions);
    }
}
