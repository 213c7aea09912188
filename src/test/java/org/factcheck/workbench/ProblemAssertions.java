package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;

/** Checks that an answer is an RFC 9457 problem that gives nothing of the implementation away. */
public final class ProblemAssertions {

    public static final String PROBLEM_JSON = "application/problem+json";

    /** Words that only a stack trace, an SQL statement or a Java class name would bring into a body. */
    public static final List<String> LEAKS = List.of("Exception", "org.", "java.", "jakarta.", "SELECT", "INSERT",
            "UPDATE ", "DELETE FROM", "hibernate", "PSQL", "\tat ");

    private ProblemAssertions() {
    }

    /** The response is a problem of that status with type, title, status and detail, and leaks nothing. */
    public static ValidatableResponse assertProblem(Response response, int status) {
        ValidatableResponse then = response.then()
                .statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("type", not(emptyOrNullString()))
                .body("title", not(emptyOrNullString()))
                .body("status", equalTo(status))
                .body("detail", not(emptyOrNullString()));
        assertNoLeak(response.asString());
        return then;
    }

    public static void assertNoLeak(String body) {
        for (String leak : LEAKS) {
            assertThat(body).as("problem body must not contain %s", leak).doesNotContain(leak);
        }
    }
}
