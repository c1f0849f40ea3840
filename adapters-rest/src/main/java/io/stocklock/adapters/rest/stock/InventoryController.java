package io.stocklock.adapters.rest.stock;

import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.application.port.in.ManageStock.AdjustStockCommand;
import io.stocklock.application.port.in.ManageStock.CreateResult;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ManageStock.SetOnHandCommand;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.StockChange;
import io.stocklock.domain.stock.StockLevel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stock per SKU. The ETag of a SKU is its version, which counts the changes of its on-hand count (not its
 * reservations), so {@code PUT .../on-hand} with {@code If-Match} is a compare-and-set that also notices a change
 * and its undoing.
 */
@RestController
@Tag(name = "inventory")
@RequestMapping(path = "/inventory", produces = "application/json")
class InventoryController {

    static final int MAX_PAGE = 500;

    private final ManageStock manageStock;
    private final GetStock getStock;

    InventoryController(ManageStock manageStock, GetStock getStock) {
        this.manageStock = manageStock;
        this.getStock = getStock;
    }

    @Operation(summary = "Create a SKU with its on-hand count")
    @ApiResponse(responseCode = "201", description = "created")
    @OperationContract(scope = "inventory:write", problems = Problems.SKU_EXISTS)
    @PostMapping(consumes = "application/json")
    ResponseEntity<StockResponse> create(@RequestBody StockRequests.CreateStockRequest body) {
        Sku sku = Sku.of(required(body.sku(), "sku"));
        CreateResult result = manageStock.create(new CreateStockCommand(sku, required(body.onHand(), "onHand")));
        if (result instanceof CreateResult.AlreadyExists) {
            throw Problems.SKU_EXISTS.exception("SKU " + sku + " exists already");
        }
        return withETag(ResponseEntity.created(URI.create("/inventory/" + sku.value())), result.level());
    }

    @Operation(summary = "A SKU's stock: on hand, reserved, available")
    @OperationContract(scope = "inventory:read", problems = Problems.UNKNOWN_SKU)
    @GetMapping("/{sku}")
    ResponseEntity<StockResponse> get(@PathVariable String sku) {
        return withETag(ResponseEntity.ok(), find(Sku.of(sku)));
    }

    @Operation(summary = "Every SKU's stock, in SKU order, a page at a time",
            description = "limit is 1 to " + MAX_PAGE + "; next, when present, is the after of the next page.")
    @OperationContract(scope = "inventory:read")
    @GetMapping
    Page<StockResponse> list(@RequestParam Optional<String> after, @RequestParam(defaultValue = "100") int limit) {
        List<StockLevel> levels = getStock.list(after.map(Sku::of), pageSize(limit));
        return Page.of(levels.stream().map(StockResponse::from).toList(), pageSize(limit),
                last -> last.sku());
    }

    @Operation(summary = "Add to or take from the on-hand count", description = "A delivery, a count, a loss.")
    @OperationContract(scope = "inventory:write", problems = {Problems.UNKNOWN_SKU, Problems.BELOW_RESERVED,
            Problems.OUT_OF_RANGE})
    @PostMapping(path = "/{sku}/adjustments", consumes = "application/json")
    ResponseEntity<StockResponse> adjust(@PathVariable String sku, @RequestBody StockRequests.AdjustmentRequest body) {
        Sku id = Sku.of(sku);
        StockChange change = manageStock.adjust(new AdjustStockCommand(id, required(body.delta(), "delta"),
                body.reason())).orElseThrow(() -> unknown(id));
        return withETag(ResponseEntity.ok(), applied(change));
    }

    @Operation(summary = "Set the on-hand count, if the SKU is as you read it",
            description = "A compare-and-set: If-Match carries the ETag you last read.")
    @OperationContract(scope = "inventory:write", problems = {Problems.UNKNOWN_SKU, Problems.PRECONDITION_REQUIRED,
            Problems.STALE_ETAG, Problems.BELOW_RESERVED, Problems.OUT_OF_RANGE})
    @PutMapping(path = "/{sku}/on-hand", consumes = "application/json")
    ResponseEntity<StockResponse> setOnHand(@PathVariable String sku,
                                            @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                            @RequestBody StockRequests.OnHandRequest body) {
        Sku id = Sku.of(sku);
        if (ifMatch == null) {
            throw Problems.PRECONDITION_REQUIRED.exception("PUT on-hand needs If-Match with the ETag of the SKU");
        }
        long expected = parseETag(ifMatch);
        StockChange change = manageStock.setOnHand(new SetOnHandCommand(id, expected,
                required(body.onHand(), "onHand"), body.reason())).orElseThrow(() -> unknown(id));
        return withETag(ResponseEntity.ok(), applied(change));
    }

    @Operation(summary = "A SKU's ledger: every change of on hand and reserved, oldest first",
            description = "after is the sequence of the last movement read; limit is 1 to " + MAX_PAGE + ".")
    @OperationContract(scope = "inventory:read", problems = Problems.UNKNOWN_SKU)
    @GetMapping("/{sku}/movements")
    Page<MovementResponse> movements(@PathVariable String sku, @RequestParam(defaultValue = "0") long after,
                                     @RequestParam(defaultValue = "100") int limit) {
        Sku id = Sku.of(sku);
        find(id);
        List<LedgerEntry> entries = getStock.movements(id, after, pageSize(limit));
        return Page.of(entries.stream().map(MovementResponse::from).toList(), pageSize(limit),
                last -> Long.toString(last.sequence()));
    }

    private StockLevel find(Sku sku) {
        return getStock.find(sku).orElseThrow(() -> unknown(sku));
    }

    private static StockLevel applied(StockChange change) {
        if (change instanceof StockChange.Refused refused) {
            throw (switch (refused.code()) {
                case BELOW_RESERVED -> Problems.BELOW_RESERVED;
                case STALE_EXPECTATION -> Problems.STALE_ETAG;
                case OUT_OF_RANGE -> Problems.OUT_OF_RANGE;
            }).exception(refused.reason());
        }
        return ((StockChange.Changed) change).level();
    }

    private static ResponseEntity<StockResponse> withETag(ResponseEntity.BodyBuilder response, StockLevel level) {
        return response.eTag("\"" + level.version() + "\"").body(StockResponse.from(level));
    }

    private static long parseETag(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw Problems.STALE_ETAG.exception("If-Match " + ifMatch + " is not an ETag of this SKU");
        }
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", was " + limit);
        }
        return limit;
    }

    private static Problems.ProblemException unknown(Sku sku) {
        return Problems.UNKNOWN_SKU.exception("no SKU " + sku);
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
