package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Plain HTTP calls to a service instance started by a test, with a bearer token. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Api() {
    }

    /** Signs in with the password and makes a personal token. */
    static String token(ServiceInstance instance, String username, String password) throws Exception {
        HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        String cookie = signIn.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b).orElseThrow();
        String xsrf = cookie.replaceAll(".*XSRF-TOKEN=([^;]*).*", "$1");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie).header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"test\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("token").asText();
    }

    static JsonNode send(ServiceInstance instance, String method, String path, String token, Object body, String ifMatch,
                         int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectedStatus);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    static String etag(ServiceInstance instance, String path, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("ETag").orElseThrow();
    }

    static String text(ServiceInstance instance, String path, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
