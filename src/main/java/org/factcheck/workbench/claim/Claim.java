package org.factcheck.workbench.claim;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

@Entity
@Table(name = "claim")
public class Claim extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String statement;

    public String claimant;

    public LocalDate claimDate;

    @Column(name = "status")
    public String statusKey = ClaimStatus.OPEN.key();

    public Long assigneeId;

    /** The current verdict's rating, kept here so that lists filter on it through an index. */
    public String rating;

    public Long currentVerdictId;

    public Long publishedVerdictId;

    @Column(insertable = false, updatable = false)
    public Instant createdAt;

    @Column(updatable = false)
    public Long createdBy;

    /** Last activity on the claim or anything attached to it. */
    public Instant updatedAt;

    /** Counts changes to the claim's fields and verdict; it is the claim's ETag. */
    @Version
    public int version;

    public ClaimStatus status() {
        return ClaimStatus.fromKey(statusKey).orElseThrow();
    }
}
