package org.factcheck.workbench.claim;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One step of the desk's rating scale. */
@Entity
@Table(name = "rating")
public class Rating extends PanacheEntityBase {

    @Id
    public String key;

    public String label;

    public Short value;

    public String color;

    public short position;
}
