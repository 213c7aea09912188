package org.factcheck.workbench.shared;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an application/problem+json answer with no stack trace, SQL or class name in it. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @jakarta.inject.Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problems.response(e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        if (identity != null && identity.getAttribute(org.factcheck.workbench.user.security.WorkbenchIdentityProvider.UNCHECKED) != null) {
            return databaseUnavailable();
        }
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "Forbidden", "your role does not allow this action");
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String field = fieldName(v.getPropertyPath());
            errors.add(field.isEmpty() ? new Problem.FieldError("body", "a JSON object is required as the request body")
                    : new Problem.FieldError(field, v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return Problems.response(ProblemException.invalidFields(errors));
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response jsonOverLimit(com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
        return Problems.response(400, "json-limit", "JSON over a limit", "the request body is nested deeper than "
                + JsonConfiguration.MAX_NESTING + " levels, has a string longer than " + JsonConfiguration.MAX_STRING
                + " characters, or a number longer than 40 digits");
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        // A limit met inside a field's value comes wrapped in a JsonMappingException naming that field.
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException limit) {
                return jsonOverLimit(limit);
            }
        }
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return Problems.response(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON"
                    + location(e));
        }
        String field = JsonPaths.of(mapping.getPath());
        String message;
        if (e instanceof JsonConfiguration.InvalidTextException) {
            message = e.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException invalid) {
            message = "has the wrong format or type" + expected(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched) {
            message = mismatched.getTargetType() == null ? "has the wrong type" : "has the wrong type" + expected(mismatched.getTargetType());
        } else {
            message = "is not valid";
        }
        if (field.isEmpty()) {
            return Problems.response(400, "malformed-json", "Malformed JSON", "the request body " + message);
        }
        return Problems.response(ProblemException.invalidField(field, message));
    }

    @ServerExceptionMapper
    public Response stale(OptimisticLockException e) {
        return Problems.response(ProblemException.stale("this resource"));
    }

    @ServerExceptionMapper
    public Response staleHibernate(StaleStateException e) {
        return Problems.response(ProblemException.stale("this resource"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "Error" : type.getReasonPhrase();
        String title = reason.charAt(0) + reason.substring(1).toLowerCase(java.util.Locale.ROOT);
        String detail = switch (status) {
            case 404 -> "there is nothing at this address";
            case 405 -> "this address does not accept that method";
            case 406 -> "no representation in the requested media type";
            case 415 -> "the request body's media type is not accepted here; send application/json";
            default -> status >= 500 ? "the server could not complete the request" : title;
        };
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problems.typeUri(kebab(title)), title, status, detail, null));
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString("Allow") != null) {
            response.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        java.sql.SQLException constraint = DatabaseFailures.unwrapConstraint(e);
        if (constraint != null) {
            return Problems.response(DatabaseFailures.toProblem(constraint));
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return Problems.response(ProblemException.stale("this resource"));
            }
            if (t instanceof ProblemException problem) {
                return Problems.response(problem);
            }
        }
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.toString());
            return databaseUnavailable();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (clientWentAway(t)) {
                LOG.debugf("The client went away during the response: %s", t.toString());
                return Response.status(499).build(); // nobody is listening any more
            }
        }
        if (e instanceof java.io.IOException && "Request too large".equals(e.getMessage())) {
            return Problems.response(413, "too-large", "Payload too large", "the request body is larger than this service accepts");
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return Problems.response(500, "internal", "Internal error",
                "the server failed to complete the request; incident " + incident + " is in the server log");
    }

    /**
     * The connection closed under a response being written: a closed channel, or the message of Quarkus's response
     * stream when the client hung up in the middle of a streamed download (an archive, an export). Nobody is there to
     * read a problem, and it is no incident.
     */
    static boolean clientWentAway(Throwable t) {
        return t instanceof java.nio.channels.ClosedChannelException || t instanceof io.vertx.core.http.HttpClosedException
                || t instanceof java.io.IOException && "Connection has been closed".equals(t.getMessage());
    }

    static Response databaseUnavailable() {
        return Response.fromResponse(Problems.response(503, "database-unavailable", "Service unavailable",
                "the database is not reachable right now; try again shortly")).header("Retry-After", "5").build();
    }

    static Response unauthenticated() {
        return Response.fromResponse(Problems.response(401, "unauthenticated", "Unauthenticated",
                        "sign in (POST /api/session) or send a valid API token (Authorization: Bearer ...)"))
                .header("WWW-Authenticate", "Bearer realm=\"workbench\"").build();
    }

    private static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER && isBodyParameter(node)) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && name.length() > 0) {
                name.append('[').append(node.getIndex()).append(']');
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(node.getName());
        }
        return name.toString();
    }

    private static boolean isBodyParameter(Path.Node node) {
        return node.getName() != null && (node.getName().equals("request") || node.getName().startsWith("arg"));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return " (expected a number)";
        }
        if (type == String.class) {
            return " (expected a string)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return " (expected true or false)";
        }
        if (type.isEnum()) {
            return " (expected one of the listed values)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return " (expected an ISO-8601 date or timestamp)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return " (expected an array)";
        }
        return " (expected an object)";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String kebab(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
