package org.factcheck.workbench.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String secretHash;

    public Long userId;

    public String csrfToken;

    @Column(insertable = false, updatable = false)
    public Instant createdAt;

    public Instant lastSeenAt;

    public Instant expiresAt;
}
