package org.factcheck.workbench.annotation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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

    @Column(insertable = false, updatable = false)
    public Instant createdAt;
}
