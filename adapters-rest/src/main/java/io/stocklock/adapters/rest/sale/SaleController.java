package io.stocklock.adapters.rest.sale;

import io.stocklock.adapters.rest.Caller;
import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.application.port.in.ManageSales.PutResult;
import io.stocklock.application.port.in.ManageSales;
import io.stocklock.domain.sale.Sale;
import io.stocklock.domain.sale.SaleId;
import io.stocklock.domain.stock.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sales: how many units one buyer (a token's subject) may get, held plus confirmed, of one SKU or of several
 * together. A request that would take its buyer beyond is rejected with {@code sale-limit}, whichever intake it came by.
 */
@RestController
@Tag(name = "sales")
@RequestMapping(path = "/sales", produces = "application/json")
class SaleController {

    private final ManageSales sales;

    SaleController(ManageSales sales) {
        this.sales = sales;
    }

    record SaleRequest(@Schema(description = "units one buyer may get of the sale's SKUs together, at least 1",
                               example = "2") Long maxUnitsPerBuyer,
                       @ArraySchema(arraySchema = @Schema(description = "the SKUs of the sale, each in no other "
                               + "sale, 1 to " + Sale.MAX_SKUS + ", no repeats"),
                               schema = @Schema(example = "TICKET-FLOOR")) List<String> skus) {
    }

    /** @param got what the caller got of the sale: units held plus confirmed (on a read only) */
    record SaleResponse(String id, long maxUnitsPerBuyer, List<String> skus,
                        @Schema(description = "units the caller holds plus has confirmed of the sale; on a read only",
                                nullable = true) Long got) {

        static SaleResponse from(Sale sale, Optional<Long> got) {
            return new SaleResponse(sale.id().value(), sale.maxUnitsPerBuyer(),
                    sale.skus().stream().map(Sku::value).toList(), got.orElse(null));
        }
    }

    @Operation(summary = "Create or replace a sale: a limit per buyer over one SKU or several",
            description = "Counts what each buyer holds plus has confirmed of the sale's SKUs from the requests "
                    + "decided after it; what buyers got before a replacement stays counted. A SKU joins or leaves a "
                    + "sale only while none of its units are held.")
    @ApiResponse(responseCode = "201", description = "created")
    @ApiResponse(responseCode = "200", description = "replaced")
    @OperationContract(scope = "inventory:write", problems = {Problems.UNKNOWN_SKU_REQUESTED,
            Problems.SKU_IN_ANOTHER_SALE, Problems.SKU_HELD})
    @PutMapping(path = "/{id}", consumes = "application/json")
    ResponseEntity<SaleResponse> putSale(@PathVariable String id, @RequestBody SaleRequest body) {
        if (body.maxUnitsPerBuyer() == null) {
            throw new IllegalArgumentException("maxUnitsPerBuyer is required");
        }
        List<String> skus = body.skus();
        if (skus == null) {
            throw new IllegalArgumentException("skus is required");
        }
        if (skus.contains(null) || new HashSet<>(skus).size() != skus.size()) {
            throw new IllegalArgumentException("skus must name each SKU once");
        }
        PutResult result = sales.put(Sale.of(SaleId.of(id), body.maxUnitsPerBuyer(),
                skus.stream().map(Sku::of).toList()));
        if (result instanceof PutResult.UnknownSku unknown) {
            throw Problems.UNKNOWN_SKU_REQUESTED.exception("unknown SKU " + unknown.sku());
        }
        if (result instanceof PutResult.SkuInAnotherSale other) {
            throw Problems.SKU_IN_ANOTHER_SALE.exception(other.sku() + " belongs to sale " + other.sale()
                    + "; replace that sale without it first");
        }
        if (result instanceof PutResult.SkuHeld held) {
            throw Problems.SKU_HELD.exception(held.reserved() + " units of " + held.sku()
                    + " are held; it can join or leave a sale once none are");
        }
        var stored = (PutResult.Stored) result;
        SaleResponse saved = SaleResponse.from(stored.sale(), Optional.empty());
        return stored.created() ? ResponseEntity.created(URI.create("/sales/" + id)).body(saved)
                : ResponseEntity.ok(saved);
    }

    @Operation(summary = "A sale, and what the caller got of it")
    @OperationContract(scope = "reservations:read", problems = Problems.NOT_FOUND)
    @GetMapping("/{id}")
    SaleResponse getSale(@PathVariable String id, Principal caller) {
        return sales.find(SaleId.of(id), Optional.of(Caller.of(caller)))
                .map(view -> SaleResponse.from(view.sale(), view.got()))
                .orElseThrow(() -> Problems.NOT_FOUND.exception("no sale " + id));
    }
}
