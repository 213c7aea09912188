package org.factcheck.workbench.w3c;

/** The vocabulary of the W3C Web Annotation data model and protocol that the service speaks. */
public final class W3c {

    public static final String ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
    public static final String LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld";

    /** The media type of annotations and containers: JSON-LD with the Web Annotation profile. */
    public static final String MEDIA_TYPE = "application/ld+json; profile=\"" + ANNO_CONTEXT + "\"";
    public static final String LD_JSON = "application/ld+json";

    public static final String LDP_BASIC_CONTAINER = "http://www.w3.org/ns/ldp#BasicContainer";
    public static final String LDP_RESOURCE = "http://www.w3.org/ns/ldp#Resource";
    public static final String LDP_CONSTRAINED_BY = "http://www.w3.org/ns/ldp#constrainedBy";
    public static final String PROTOCOL_SPEC = "http://www.w3.org/TR/annotation-protocol/";

    public static final String PREFER_MINIMAL_CONTAINER = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
    public static final String PREFER_CONTAINMENT = "http://www.w3.org/ns/ldp#PreferContainment";
    public static final String PREFER_CONTAINED_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
    public static final String PREFER_CONTAINED_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

    public static final String CONTAINER_LINKS = "<" + LDP_BASIC_CONTAINER + ">; rel=\"type\", <" + PROTOCOL_SPEC
            + ">; rel=\"" + LDP_CONSTRAINED_BY + "\"";
    public static final String RESOURCE_LINK = "<" + LDP_RESOURCE + ">; rel=\"type\"";

    public static final String CONTAINER_ALLOW = "GET, HEAD, OPTIONS, POST";
    public static final String PAGE_ALLOW = "GET, HEAD, OPTIONS";
    public static final String ANNOTATION_ALLOW = "GET, HEAD, OPTIONS, PUT, DELETE";

    private W3c() {
    }
}
