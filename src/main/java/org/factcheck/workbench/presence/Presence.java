package org.factcheck.workbench.presence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One open reader: a browser tab showing an article. */
@Entity
@Table(name = "presence")
public class Presence extends PanacheEntityBase {

    @Id
    public String clientId;

    public Long userId;

    public Long articleId;

    public Instant seenAt;
}
