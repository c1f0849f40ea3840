package io.stocklock.adapters.rest.stock;

import io.stocklock.adapters.rest.OperationContract;
import io.stocklock.application.port.in.GetStock;
import io.stocklock.application.port.in.ManageStock;
import io.stocklock.domain.stock.Location;
import io.stocklock.domain.stock.LocationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The places stock is kept at, each with the priority it is served in. */
@RestController
@Tag(name = "inventory")
@RequestMapping(path = "/locations", produces = "application/json")
class LocationController {

    private final ManageStock manageStock;
    private final GetStock getStock;

    LocationController(ManageStock manageStock, GetStock getStock) {
        this.manageStock = manageStock;
        this.getStock = getStock;
    }

    record LocationResponse(String id, String name, int priority) {

        static LocationResponse from(Location location) {
            return new LocationResponse(location.id().value(), location.name(), location.priority());
        }
    }

    @Operation(summary = "Every location, by priority and id")
    @OperationContract(scope = "inventory:read")
    @GetMapping
    List<LocationResponse> list() {
        return getStock.locations().stream().map(LocationResponse::from).toList();
    }

    @Operation(summary = "Add a location, or change its name and priority",
            description = "A priority change applies to the requests decided after it.")
    @ApiResponse(responseCode = "201", description = "added")
    @ApiResponse(responseCode = "200", description = "changed")
    @OperationContract(scope = "inventory:write")
    @PutMapping(path = "/{id}", consumes = "application/json")
    ResponseEntity<LocationResponse> save(@PathVariable String id, @RequestBody StockRequests.LocationRequest body) {
        Location location = new Location(LocationId.of(id), InventoryController.required(body.name(), "name"),
                InventoryController.required(body.priority(), "priority"));
        LocationResponse saved = LocationResponse.from(location);
        return manageStock.saveLocation(location)
                ? ResponseEntity.created(URI.create("/locations/" + id)).body(saved)
                : ResponseEntity.ok(saved);
    }
}
