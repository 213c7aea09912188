package org.factcheck.workbench.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    public String displayName;

    public String passwordHash;

    @Column(name = "role")
    public String roleKey;

    public boolean disabled;

    @Column(insertable = false, updatable = false)
    public Instant createdAt;

    public Instant updatedAt;

    @Version
    public int version;

    public Role role() {
        return Role.fromKey(roleKey).orElseThrow();
    }

    public static Optional<AppUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
