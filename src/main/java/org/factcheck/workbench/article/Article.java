package org.factcheck.workbench.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "article")
public class Article extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    public String outlet;

    public String url;

    public String author;

    public Instant publishedAt;

    public String language;

    /** The normalised text; fixed once stored. */
    @Basic(fetch = FetchType.LAZY)
    @Column(updatable = false)
    public String body;

    /** Length of the body in Unicode code points. */
    @Column(updatable = false)
    public int bodyLength;

    @Column(updatable = false)
    public String contentHash;

    @Column(insertable = false, updatable = false)
    public Instant createdAt;

    @Column(updatable = false)
    public Long createdBy;
}
