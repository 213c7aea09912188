package org.factcheck.workbench.comment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "comment")
public class Comment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false)
    public Long claimId;

    @Column(updatable = false)
    public Long authorId;

    public String body;

    @Column(insertable = false, updatable = false)
    public Instant createdAt;

    /** Equal to createdAt until the comment is edited or deleted. */
    @Column(insertable = false)
    public Instant updatedAt;

    public Instant deletedAt;

    /** The comment's ETag. */
    @Version
    public int version;
}
