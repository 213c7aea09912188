package org.factcheck.workbench.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The desk's active members, for choosing an assignee or an @mention: names and roles, nothing else. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    private final EntityManager em;

    DirectoryResource(EntityManager em) {
        this.em = em;
    }

    public record Member(String username, String displayName, String role) {
    }

    public record Directory(List<Member> items) {
    }

    @GET
    @Path("/directory")
    @RolesAllowed(Role.VIEWER_ROLE)
    @Transactional(Transactional.TxType.SUPPORTS)
    public Directory directory() {
        return new Directory(em.createQuery("""
                        SELECT new org.factcheck.workbench.user.DirectoryResource$Member(u.username, u.displayName, u.roleKey)
                          FROM AppUser u WHERE u.disabled = false ORDER BY u.displayName, u.username""", Member.class)
                .setMaxResults(5000).getResultList());
    }
}
