package org.factcheck.workbench.shared;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/** Renders a Jackson reference path as the field name a client sent, such as {@code claim.statement} or {@code items[2]}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static String of(List<JsonMappingException.Reference> path) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                name.append('[').append(ref.getIndex()).append(']');
            }
        }
        return name.toString();
    }
}
