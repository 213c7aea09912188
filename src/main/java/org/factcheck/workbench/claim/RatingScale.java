package org.factcheck.workbench.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.factcheck.workbench.claim.ClaimViews.RatingView;

/** The desk's rating scale, read from the rating table once; it changes only with a migration. */
@ApplicationScoped
public class RatingScale {

    private volatile List<RatingView> ratings;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RatingView> all() {
        List<RatingView> loaded = ratings;
        if (loaded == null) {
            loaded = Rating.<Rating>listAll(io.quarkus.panache.common.Sort.by("position")).stream()
                    .map(r -> new RatingView(r.key, r.label, r.value == null ? null : r.value.intValue(), r.color))
                    .toList();
            ratings = loaded;
        }
        return loaded;
    }

    public Optional<RatingView> find(String key) {
        return all().stream().filter(r -> r.key().equals(key)).findFirst();
    }

    public String label(String key) {
        return key == null ? null : find(key).map(RatingView::label).orElse(key);
    }

    public String keys() {
        return String.join(", ", all().stream().map(RatingView::key).toList());
    }
}
