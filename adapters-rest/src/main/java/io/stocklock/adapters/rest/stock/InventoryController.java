package io.stocklock.adapters.rest.stock;

import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.adapters.rest.Problems;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ManageStock.AdjustStockCommand;
import io.stocklock.application.port.in.ManageStock.CreateResult;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ManageStock.LimitBackordersCommand;
import io.stocklock.application.port.in.ManageStock.SetLowStockCommand;
import io.stocklock.application.port.in.ManageStock.SetOnHandCommand;
import io.stocklock.application.port.in.ManageStock.SetShortStockCommand;
import io.stocklock.application.port.in.ManageStock.StockResult;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.ledger.LedgerEntry;
import io.stocklock.domain.stock.ShortStock;
import io.stocklock.domain.stock.Sku;
import io.stocklock.domain.stock.SkuStock;
import io.stocklock.domain.stock.StockChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * Stock per SKU and location. The ETag of a SKU is its version, which counts the changes of its on-hand counts at
 * every location (not its reservations), so {@code PUT .../on-hand} with {@code If-Match} is a compare-and-set that
 * also notices a change and its undoing.
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

    @Operation(summary = "Create a SKU with its on-hand count, or add a location to a SKU",
            description = "The stock is kept at location (default when absent), which must exist.")
    @ApiResponse(responseCode = "201", description = "created")
    @OperationContract(scope = "inventory:write", problems = {Problems.SKU_EXISTS, Problems.UNKNOWN_LOCATION})
    @PostMapping(consumes = "application/json")
    ResponseEntity<StockResponse> create(@RequestBody StockRequests.CreateStockRequest body) {
        Sku sku = Sku.of(required(body.sku(), "sku"));
        CreateResult result = manageStock.create(new CreateStockCommand(sku, StockRequests.location(body.location()),
                required(body.onHand(), "onHand"), body.backorderLimit() == null ? 0 : body.backorderLimit()));
        if (result instanceof CreateResult.AlreadyExists) {
            throw Problems.SKU_EXISTS.exception("SKU " + sku + " is kept at " + StockRequests.location(body.location())
                    + " already");
        }
        if (result instanceof CreateResult.UnknownLocation unknown) {
            throw Problems.UNKNOWN_LOCATION.exception("no location " + unknown.location()
                    + "; create it first with PUT /locations/" + unknown.location());
        }
        return withETag(ResponseEntity.created(URI.create("/inventory/" + sku.value())),
                ((CreateResult.Created) result).stock());
    }

    @Operation(summary = "A SKU's stock: on hand, reserved, available, in all and per location")
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
        List<SkuStock> stock = getStock.list(after.map(Sku::of), pageSize(limit));
        return Page.of(stock.stream().map(StockResponse::from).toList(), pageSize(limit),
                last -> last.sku());
    }

    @Operation(summary = "Add to or take from the on-hand count at a location", description = "A delivery, a count, "
            + "a loss.")
    @OperationContract(scope = "inventory:write", problems = {Problems.UNKNOWN_SKU, Problems.NOT_KEPT_AT_LOCATION,
            Problems.BELOW_RESERVED, Problems.OUT_OF_RANGE})
    @PostMapping(path = "/{sku}/adjustments", consumes = "application/json")
    ResponseEntity<StockResponse> adjust(@PathVariable String sku, @RequestBody StockRequests.AdjustmentRequest body) {
        Sku id = Sku.of(sku);
        StockResult result = manageStock.adjust(new AdjustStockCommand(id, StockRequests.location(body.location()),
                required(body.delta(), "delta"), body.reason())).orElseThrow(() -> unknown(id));
        return withETag(ResponseEntity.ok(), applied(result));
    }

    @Operation(summary = "Set the on-hand count at a location, if the SKU is as you read it",
            description = "A compare-and-set: If-Match carries the ETag of the SKU you last read.")
    @OperationContract(scope = "inventory:write", problems = {Problems.UNKNOWN_SKU, Problems.NOT_KEPT_AT_LOCATION,
            Problems.PRECONDITION_REQUIRED, Problems.STALE_ETAG, Problems.BELOW_RESERVED, Problems.OUT_OF_RANGE})
    @PutMapping(path = "/{sku}/on-hand", consumes = "application/json")
    ResponseEntity<StockResponse> setOnHand(@PathVariable String sku,
                                            @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                            @RequestBody StockRequests.OnHandRequest body) {
        Sku id = Sku.of(sku);
        if (ifMatch == null) {
            throw Problems.PRECONDITION_REQUIRED.exception("PUT on-hand needs If-Match with the ETag of the SKU");
        }
        long expected = parseETag(ifMatch);
        StockResult result = manageStock.setOnHand(new SetOnHandCommand(id, StockRequests.location(body.location()),
                expected, required(body.onHand(), "onHand"), body.reason())).orElseThrow(() -> unknown(id));
        return withETag(ResponseEntity.ok(), applied(result));
    }

    @Operation(summary = "Set how many units a location may promise beyond what it has",
            description = "Matters when the SKU's short-stock policy is BACKORDER; never below what is backordered "
                    + "there now.")
    @OperationContract(scope = "inventory:write", problems = {Problems.UNKNOWN_SKU, Problems.NOT_KEPT_AT_LOCATION,
            Problems.BELOW_RESERVED})
    @PutMapping(path = "/{sku}/backorder-limit", consumes = "application/json")
    ResponseEntity<StockResponse> limitBackorders(@PathVariable String sku,
                                                  @RequestBody StockRequests.BackorderLimitRequest body) {
        Sku id = Sku.of(sku);
        StockResult result = manageStock.limitBackorders(new LimitBackordersCommand(id,
                StockRequests.location(body.location()), required(body.backorderLimit(), "backorderLimit")))
                .orElseThrow(() -> unknown(id));
        return withETag(ResponseEntity.ok(), applied(result));
    }

    @Operation(summary = "Set what the SKU does with a line stock cannot serve in full",
            description = "REJECT the request, BACKORDER up to each location's backorder limit, or serve PARTIAL "
                    + "lines down to their minimum.")
    @OperationContract(scope = "inventory:write", problems = Problems.UNKNOWN_SKU)
    @PutMapping(path = "/{sku}/policy", consumes = "application/json")
    ResponseEntity<StockResponse> setPolicy(@PathVariable String sku, @RequestBody StockRequests.PolicyRequest body) {
        return shortStock(Sku.of(sku), Optional.of(ShortStock.named(required(body.shortStock(), "shortStock"))));
    }

    @Operation(summary = "Let the SKU follow the service's default short-stock policy")
    @OperationContract(scope = "inventory:write", problems = Problems.UNKNOWN_SKU)
    @DeleteMapping("/{sku}/policy")
    ResponseEntity<StockResponse> followDefaultPolicy(@PathVariable String sku) {
        return shortStock(Sku.of(sku), Optional.empty());
    }

    private ResponseEntity<StockResponse> shortStock(Sku sku, Optional<ShortStock> policy) {
        return withETag(ResponseEntity.ok(), manageStock.setShortStock(new SetShortStockCommand(sku, policy))
                .orElseThrow(() -> unknown(sku)));
    }

    @Operation(summary = "Say when the SKU counts as running low",
            description = "A StockLow event is published on the stock-levels topic when available units fall to the "
                    + "threshold or below from above it (and the SKU is not sold out).")
    @OperationContract(scope = "inventory:write", problems = Problems.UNKNOWN_SKU)
    @PutMapping(path = "/{sku}/low-stock", consumes = "application/json")
    ResponseEntity<StockResponse> setLowStock(@PathVariable String sku,
                                              @RequestBody StockRequests.LowStockRequest body) {
        long threshold = required(body.threshold(), "threshold");
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must not be negative, was " + threshold);
        }
        return lowStock(Sku.of(sku), OptionalLong.of(threshold));
    }

    @Operation(summary = "Never tell that the SKU runs low")
    @OperationContract(scope = "inventory:write", problems = Problems.UNKNOWN_SKU)
    @DeleteMapping("/{sku}/low-stock")
    ResponseEntity<StockResponse> noLowStock(@PathVariable String sku) {
        return lowStock(Sku.of(sku), OptionalLong.empty());
    }

    private ResponseEntity<StockResponse> lowStock(Sku sku, OptionalLong threshold) {
        return withETag(ResponseEntity.ok(), manageStock.setLowStock(new SetLowStockCommand(sku, threshold))
                .orElseThrow(() -> unknown(sku)));
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

    private SkuStock find(Sku sku) {
        return getStock.find(sku).orElseThrow(() -> unknown(sku));
    }

    private static SkuStock applied(StockResult result) {
        if (result.change() instanceof StockChange.Refused refused) {
            throw Problems.refused(refused.code()).exception(refused.reason());
        }
        return result.stock();
    }

    private static ResponseEntity<StockResponse> withETag(ResponseEntity.BodyBuilder response, SkuStock stock) {
        return response.eTag("\"" + stock.version() + "\"").body(StockResponse.from(stock));
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
