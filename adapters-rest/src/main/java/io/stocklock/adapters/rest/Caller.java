package io.stocklock.adapters.rest;

import java.security.Principal;

/** Who is asking: the token's subject, the owner of what it reserves and the buyer a sale counts. */
public final class Caller {

    private Caller() {
    }

    /** @return the subject, or {@code anonymous} when security is switched off */
    public static String of(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }
}
