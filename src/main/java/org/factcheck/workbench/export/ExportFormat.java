package org.factcheck.workbench.export;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The formats of GET /api/export/verdicts, with their media types and file extensions. */
public enum ExportFormat {
    JSON("json", "application/json", "json"),
    NDJSON("ndjson", "application/x-ndjson", "ndjson"),
    CSV("csv", "text/csv; charset=utf-8", "csv"),
    CLAIMREVIEW("claimreview", "application/ld+json", "claimreview.json");

    private final String key;
    private final String mediaType;
    private final String extension;

    ExportFormat(String key, String mediaType, String extension) {
        this.key = key;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String key() {
        return key;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static Optional<ExportFormat> fromKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(ExportFormat::key).collect(Collectors.joining(", "));
    }
}
