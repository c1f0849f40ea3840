package io.stocklock.application.port.in;

import io.stocklock.domain.stock.LocationId;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockChange;
import java.util.List;
import java.util.Objects;

/**
 * Creates or restocks many SKUs at once, by absolute levels: each line says how many units a SKU has on hand at a
 * location, and is applied whole or not at all (a SKU not kept there yet is created there). Absolute levels make an
 * import safe to send again: a line applied twice leaves what it left once. One call is one transaction; an import of
 * any size is sent as pages.
 */
public interface ImportStock {

    /** Most lines of one call (one transaction). */
    int MOST_LINES = 1_000;

    /** Most bytes of one import as an intake reads it (some 5 million lines): it is read as it streams in. */
    long MOST_BYTES = 256L * 1024 * 1024;

    /** @return one result per line, in their order */
    List<LineResult> importLines(ImportStockCommand command);

    /** @param number where the line is in the import, for the report */
    record StockLine(long number, Sku sku, LocationId location, long onHand) {
        public StockLine {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(location, "location");
            if (onHand < 0) {
                throw new IllegalArgumentException("onHand must not be negative, was " + onHand);
            }
        }
    }

    record ImportStockCommand(List<StockLine> lines) {
        public ImportStockCommand {
            lines = List.copyOf(lines);
            if (lines.size() > MOST_LINES) {
                throw new IllegalArgumentException("at most " + MOST_LINES + " lines at once, were " + lines.size());
            }
        }
    }

    sealed interface LineResult {

        long number();

        /** The SKU is now kept there, with what the line says on hand. */
        record Created(long number) implements LineResult {
        }

        /** @param onHandDelta how the on-hand count changed: 0 when it already was what the line says */
        record Set(long number, long onHandDelta) implements LineResult {
        }

        /** Nothing of the line was applied. */
        record Refused(long number, Reason reason, String detail) implements LineResult {
        }
    }

    /** Why a line was refused. */
    enum Reason {
        /** The location does not exist. */
        UNKNOWN_LOCATION,
        /** The line would leave fewer units on hand than reservations hold there. */
        BELOW_RESERVED,
        /** The level does not fit. */
        OUT_OF_RANGE,
        /** The SKU was created at that location by another transaction meanwhile: send the line again. */
        CREATED_MEANWHILE;

        /** What the stock said when it refused an absolute level (never stale: the row is locked). */
        public static Reason of(StockChange.RefusalCode code) {
            return switch (code) {
                case BELOW_RESERVED -> BELOW_RESERVED;
                case OUT_OF_RANGE -> OUT_OF_RANGE;
                case STALE_EXPECTATION, NOT_KEPT_THERE -> throw new IllegalStateException(
                        "an absolute level on a locked row at its location is never refused as " + code);
            };
        }
    }
}
