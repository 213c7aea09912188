package org.factcheck.workbench.shared;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem answers. Problem types are URNs documented in docs/api.md. */
public final class Problems {

    private Problems() {
    }

    public static String typeUri(String type) {
        return "urn:workbench:problem:" + type;
    }

    public static Response response(ProblemException e) {
        Response.ResponseBuilder r = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem());
        e.headers().forEach(r::header);
        return r.build();
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String type, String title, String detail) {
        return response(new Problem(typeUri(type), title, status, detail, null));
    }

    public static Response response(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        return response(new Problem(typeUri(type), title, status, detail, errors == null || errors.isEmpty() ? null : errors));
    }
}
