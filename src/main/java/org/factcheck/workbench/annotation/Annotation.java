package org.factcheck.workbench.annotation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A highlight: code points [startPos, endPos) of one article's body, attached to a claim. */
@Entity
@Table(name = "annotation")
public class Annotation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long articleId;

    public Long claimId;

    public int startPos;

    public int endPos;

    public String exact;

    public String prefix;

    public String suffix;

    public Long createdBy;

    @Column(updatable = false)
    public Instant createdAt;

    /** Time of the last change of the span or the claim it belongs to (W3C {@code modified}). */
    public Instant updatedAt;

    /** Counts changes to the span and the claim it belongs to; it is the annotation's ETag. */
    @Version
    public int version;
}
