package org.factcheck.workbench.w3c;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The W3C Web Annotation test suite's "MUST" assertions (draft-04 JSON schemas under
 * {@code src/test/resources/w3c/web-annotation-tests}), run against documents the service produces. Each assertion
 * says whether a conforming document is {@code valid} or {@code invalid} against it ({@code expectedResult}); a
 * failure is an assertion whose outcome differs.
 *
 * <p>The schemas are loaded under the made-up base {@code https://w3c.test/}; their references such as
 * {@code annotations.json#/definitions/...} are resolved to the files of {@code definitions/} on the class path.
 */
public final class W3cSchemas {

    public static final String ANNOTATION_MUSTS = "annotations/annotationMusts.test";
    public static final String COLLECTION_MUSTS = "collections/collectionMusts.test";

    private static final String BASE = "https://w3c.test/";
    private static final String ROOT = "w3c/web-annotation-tests/";
    private static final Set<String> DEFINITIONS = Set.of("annotations.json", "bodyTarget.json", "choiceSet.json",
            "collections.json", "id.json", "otherProperties.json", "specificResource.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Draft-04, knowing the suite's own members (which describe an assertion, not validate) and the misspelt
     * {@code "$ref "} of specificResource.json (which a draft-04 validator ignores, as this one now does quietly).
     */
    private static final JsonMetaSchema DRAFT_04 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keywords(List.of(new NonValidationKeyword("assertionType"), new NonValidationKeyword("expectedResult"),
                    new NonValidationKeyword("onUnexpectedResult"), new NonValidationKeyword("errorMessage"),
                    new NonValidationKeyword("$ref ")))
            .build();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(DRAFT_04)
                    .schemaMappers(mappers -> mappers.mappings(iri -> iri.startsWith(BASE), W3cSchemas::classpath)));

    /** One assertion of a test list: its schema and the outcome a conforming document has. */
    public record Assertion(String path, JsonSchema schema, boolean expectValid, String errorMessage) {
    }

    private static final List<Assertion> ANNOTATION_ASSERTIONS = load(ANNOTATION_MUSTS);
    private static final List<Assertion> COLLECTION_ASSERTIONS = load(COLLECTION_MUSTS);

    private W3cSchemas() {
    }

    private static String classpath(String iri) {
        String path = iri.substring(BASE.length());
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return "classpath:" + ROOT + (DEFINITIONS.contains(name) ? "definitions/" + name : path);
    }

    private static List<Assertion> load(String testList) {
        JsonNode list = read(ROOT + testList);
        List<Assertion> assertions = new ArrayList<>();
        for (JsonNode a : list.get("assertions")) {
            String path = a.asText();
            JsonNode schemaDoc = read(ROOT + path);
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + path));
            schema.initializeValidators();
            boolean expectValid = !"invalid".equals(schemaDoc.path("expectedResult").asText("valid"));
            assertions.add(new Assertion(path, schema, expectValid, schemaDoc.path("errorMessage").asText()));
        }
        if (assertions.isEmpty()) {
            throw new IllegalStateException("no assertions in " + testList);
        }
        return List.copyOf(assertions);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = W3cSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Assertion> annotationAssertions() {
        return ANNOTATION_ASSERTIONS;
    }

    public static List<Assertion> collectionAssertions() {
        return COLLECTION_ASSERTIONS;
    }

    /** The assertions of annotationMusts.test that the annotation does not meet, with the reasons; empty when it conforms. */
    public static List<String> annotationFailures(JsonNode annotation) {
        return failures(ANNOTATION_ASSERTIONS, annotation);
    }

    /** The assertions of collectionMusts.test that the collection does not meet; empty when it conforms. */
    public static List<String> collectionFailures(JsonNode collection) {
        return failures(COLLECTION_ASSERTIONS, collection);
    }

    private static List<String> failures(List<Assertion> assertions, JsonNode doc) {
        List<String> failures = new ArrayList<>();
        for (Assertion a : assertions) {
            Set<ValidationMessage> messages = a.schema().validate(doc);
            if (messages.isEmpty() != a.expectValid()) {
                failures.add(a.path() + " (expected " + (a.expectValid() ? "valid" : "invalid") + "): " + a.errorMessage()
                        + " " + messages);
            }
        }
        return failures;
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
