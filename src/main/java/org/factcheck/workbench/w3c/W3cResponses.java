package org.factcheck.workbench.w3c;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.w3c.W3cDocuments.Row;
import org.factcheck.workbench.w3c.W3cDocuments.Totals;
import org.factcheck.workbench.w3c.W3cLinks.Links;

/**
 * HTTP answers carrying W3C documents: the media type (JSON-LD with the annotation profile unless the client
 * accepts only plain JSON), ETags and {@code If-None-Match} for read-only documents, {@code Vary}, and the
 * {@code Prefer} handling of containers.
 */
@ApplicationScoped
public class W3cResponses {

    private static final MediaType LD_JSON_TYPE = MediaType.valueOf(W3c.LD_JSON);

    private final W3cDocuments documents;
    private final W3cLinks links;
    private final ObjectMapper mapper;

    W3cResponses(W3cDocuments documents, W3cLinks links, ObjectMapper mapper) {
        this.documents = documents;
        this.links = links;
        this.mapper = mapper;
    }

    /**
     * The annotation collection of an article, as {@code Prefer} asks: the first page embedded with descriptions
     * (the default) or IRIs, or only linked ({@code PreferMinimalContainer}). {@code container} adds the LDP
     * container's type, context and headers.
     */
    public Response collection(long articleId, boolean container, UriInfo uriInfo, HttpHeaders headers) {
        Prefer prefer = Prefer.parse(headers.getRequestHeader("Prefer"));
        Links l = links.of(uriInfo);
        Totals totals = documents.totals(articleId);
        ObjectNode doc = documents.collection(totals, l, container, !prefer.minimalContainer(), prefer.contained());
        Response.ResponseBuilder response = representation(doc, headers, "Accept, Prefer");
        if (prefer.containerPreferenceGiven()) {
            response.header("Preference-Applied", "return=representation");
        }
        if (container) {
            response.header("Link", W3c.CONTAINER_LINKS)
                    .header("Allow", W3c.CONTAINER_ALLOW)
                    .header("Accept-Post", W3c.MEDIA_TYPE);
        }
        return response.build();
    }

    /** A read-only document with an ETag that is a digest of its bytes; 304 when If-None-Match names it. */
    public Response.ResponseBuilder representation(ObjectNode doc, HttpHeaders headers, String vary) {
        byte[] bytes = bytes(doc);
        String tag = "\"" + digest(bytes) + "\"";
        Response.ResponseBuilder response;
        if (matchesNoneMatch(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            response = Response.notModified();
        } else {
            response = Response.ok(bytes, mediaType(headers));
        }
        return response.header("ETag", tag).header("Vary", vary);
    }

    /** The answer to POST or PUT: the annotation with its ETag, or no body when the client prefers return=minimal. */
    public Response written(Response.ResponseBuilder response, Row row, Links l, HttpHeaders headers) {
        response.tag(ETags.of(row.version())).header("Link", W3c.RESOURCE_LINK).header("Vary", "Accept");
        if (Prefer.parse(headers.getRequestHeader("Prefer")).minimal()) {
            return response.header("Preference-Applied", "return=minimal").build();
        }
        return response.entity(bytes(documents.annotation(row, l))).type(mediaType(headers)).build();
    }

    /** JSON-LD with the annotation profile, unless the client accepts only plain JSON. */
    public static String mediaType(HttpHeaders headers) {
        List<MediaType> acceptable;
        try {
            acceptable = headers.getAcceptableMediaTypes();
        } catch (IllegalArgumentException e) {
            // An Accept header with an entry that is no media type ("", "garbage", "application/json, "): the platform
            // routed the request but cannot list the types, and this was a 500. Read the entries that are readable.
            acceptable = readableAcceptEntries(headers.getRequestHeader(HttpHeaders.ACCEPT));
        }
        for (MediaType type : acceptable) {
            if (type.isCompatible(LD_JSON_TYPE)) {
                return W3c.MEDIA_TYPE;
            }
        }
        return MediaType.APPLICATION_JSON;
    }

    /** The entries of Accept headers that parse as media types; none at all means any type (as no header does). */
    static List<MediaType> readableAcceptEntries(List<String> accept) {
        List<MediaType> types = new java.util.ArrayList<>();
        for (String header : accept == null ? List.<String>of() : accept) {
            for (String entry : header.split(",")) {
                try {
                    types.add(MediaType.valueOf(entry.strip()));
                } catch (IllegalArgumentException e) {
                    // an unreadable entry says nothing about what the client takes
                }
            }
        }
        return types.isEmpty() ? List.of(MediaType.WILDCARD_TYPE) : types;
    }

    private static boolean matchesNoneMatch(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    public JsonNode json(byte[] body) throws JsonProcessingException {
        try {
            return body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] bytes(ObjectNode doc) {
        try {
            return mapper.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
