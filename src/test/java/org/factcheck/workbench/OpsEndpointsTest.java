package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsStringIgnoringCase;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpsEndpointsTest {

    @Test
    void readinessIsUpAndChecksTheDatabase() {
        given().when().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsStringIgnoringCase("database")))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        // A request first, so that the HTTP server metrics have a sample.
        ApiClient.as("viewer").get("/api/ratings").then().statusCode(200);

        String metrics = given().accept("text/plain").when().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract().asString();

        assertThat(metrics).contains("# TYPE ").contains("# HELP ").contains("http_server_requests_seconds_count");
        assertThat(metrics).containsPattern("(?m)^jvm_memory_used_bytes\\{.*\\} [0-9.eE+-]+$");
    }

    @Test
    void openApiDescribesTheApi() {
        String openapi = given().accept("application/yaml").when().get("/q/openapi")
                .then()
                .statusCode(200)
                .extract().asString();

        assertThat(openapi).contains("/api/articles:").contains("/api/claims/{id}/verdict:")
                .contains("/api/claims/{id}/verdict/publish:").contains("/api/session:");
        given().accept("application/json").queryParam("format", "json").when().get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/articles"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/claims/{id}/verdict"))
                // written from the rows (AnnotationListJson), described by its record
                .body("paths.'/api/articles/{articleId}/annotations'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        org.hamcrest.Matchers.endsWith("/AnnotationList"));
    }

    @Test
    void swaggerUiAnswers() {
        given().when().get("/q/swagger-ui")
                .then()
                .statusCode(200)
                .body(containsStringIgnoringCase("swagger"));
    }
}
