package io.stocklock.application.port.in;

import io.stocklock.domain.RequestLimit;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.reservation.Transition;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Lengthens a live hold (a checkout that takes longer than expected): it then lasts {@code lasting} from now, up to
 * the deployment's cap on a whole hold ({@code ReservationPolicy.maxTotalHold}). A hold is never shortened, so asking
 * again changes nothing; extending a hold whose time is up expires it and says so.
 */
public interface ExtendHold {

    /** @return empty when there is no reservation with that id, or it is not the owner's */
    Optional<Transition> extend(ExtendHoldCommand command);

    /**
     * @param lasting how long the hold lasts from now on, in whole seconds within the contract's holdSeconds
     * @param owner   who asks: a reservation of anyone else's is not theirs to change and looks like one that does
     *                not exist; empty: whoever owns it (an operator, or a host that checked already)
     */
    record ExtendHoldCommand(ReservationId id, Duration lasting, Optional<String> owner) {

        public ExtendHoldCommand(ReservationId id, Duration lasting) {
            this(id, lasting, Optional.empty());
        }

        public ExtendHoldCommand {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(lasting, "lasting");
            Objects.requireNonNull(owner, "owner");
            if (lasting.isNegative() || lasting.isZero() || lasting.compareTo(ReservationRequest.MAX_HOLD) > 0
                    || lasting.getNano() != 0) {
                throw new IllegalArgumentException(RequestLimit.HOLD_SECONDS.rule() + " whole seconds");
            }
        }
    }
}
