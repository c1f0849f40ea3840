package io.stocklock.application.port.in;

import io.stocklock.domain.reservation.Reservation;
import io.stocklock.domain.reservation.ReservationRequest;
import java.util.List;
import java.util.Objects;

/**
 * Decides a batch of reservation requests in one transaction: requests already decided are skipped, the stock of
 * every SKU involved is locked at once, and the requests are decided first come, first served. A request seen here
 * first is stored once, decided.
 *
 * <p>After the commit, the outcome event of every decision is published, and again that of every request of the
 * batch decided before (it is delivered again because the events of its first batch may not have been published);
 * {@link #process} returns once the broker has them all, or throws {@code OutcomePublisher.NotPublished}: deliver
 * the batch again.
 */
public interface ProcessReservations {

    List<RequestOutcome> process(ProcessReservationsCommand command);

    record ProcessReservationsCommand(List<ReservationRequest> requests) {
        public ProcessReservationsCommand {
            requests = List.copyOf(requests);
        }
    }

    /** What became of one request of the batch; one per request, in the batch's order. */
    sealed interface RequestOutcome {

        ReservationRequest request();

        /** This batch decided the request. */
        record Decided(ReservationRequest request, Reservation reservation) implements RequestOutcome {
        }

        /** The request was decided before (a redelivery or a duplicate); nothing changed. */
        record AlreadyDecided(ReservationRequest request, Reservation reservation) implements RequestOutcome {
        }

        /** A reservation with this id exists and asks for something else; nothing changed. */
        record Conflicting(ReservationRequest request, Reservation existing) implements RequestOutcome {
            public Conflicting {
                Objects.requireNonNull(existing, "existing");
            }
        }
    }
}
