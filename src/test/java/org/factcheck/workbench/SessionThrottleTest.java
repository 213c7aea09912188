package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Brute force against sign-in: ten failures per username in fifteen minutes, then 429 whatever the password. */
@QuarkusTest
class SessionThrottleTest {

    private static Response signIn(String username, String password) {
        return anonymous().body(Map.of("username", username, "password", password)).post("/api/session");
    }

    @Test
    void locksSignInAfterTenFailuresEvenForTheRightPassword() {
        String user = ApiClient.newUser("analyst");
        for (int i = 0; i < 10; i++) {
            assertProblem(signIn(user, "wrong-password-" + i), 401);
        }
        Response locked = signIn(user, ApiClient.PASSWORD);
        assertProblem(locked, 429);
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        // Upper case is the same account.
        assertProblem(signIn(user.toUpperCase(), ApiClient.PASSWORD), 429);
    }

    @Test
    void countsUnknownUsernamesTheSameWay() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 10; i++) {
            assertProblem(signIn(nobody, "guess-" + i), 401).body("detail", org.hamcrest.Matchers.equalTo("the username or password is not correct"));
        }
        assertProblem(signIn(nobody, "guess-11"), 429);
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        String user = ApiClient.newUser("viewer");
        for (int i = 0; i < 9; i++) {
            assertProblem(signIn(user, "wrong-password-" + i), 401);
        }
        signIn(user, ApiClient.PASSWORD).then().statusCode(200);
        for (int i = 0; i < 9; i++) {
            assertProblem(signIn(user, "wrong-password-" + i), 401);
        }
        signIn(user, ApiClient.PASSWORD).then().statusCode(200);
    }

    @Test
    void otherAccountsAreNotAffected() {
        String victim = ApiClient.newUser("analyst");
        String bystander = ApiClient.newUser("analyst");
        for (int i = 0; i < 11; i++) {
            signIn(victim, "wrong-" + i);
        }
        signIn(bystander, ApiClient.PASSWORD).then().statusCode(200);
    }
}
