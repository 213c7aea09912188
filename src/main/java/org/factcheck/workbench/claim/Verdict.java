package org.factcheck.workbench.claim;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One revision of a claim's verdict. Revisions are never rewritten; publishing stamps one. */
@Entity
@Table(name = "verdict")
public class Verdict extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long claimId;

    @Column(updatable = false)
    public int revision;

    @Column(updatable = false)
    public String rating;

    @Column(updatable = false)
    public String explanation;

    @Column(updatable = false)
    public Long authorId;

    @Column(insertable = false, updatable = false)
    public Instant createdAt;

    public Long publishedBy;

    public Instant publishedAt;
}
