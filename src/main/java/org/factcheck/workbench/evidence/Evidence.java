package org.factcheck.workbench.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "evidence")
public class Evidence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long claimId;

    public String url;

    public String title;

    public String publisher;

    public String stance;

    public String excerpt;

    public String note;

    public Long createdBy;

    @Column(insertable = false, updatable = false)
    public Instant createdAt;
}
