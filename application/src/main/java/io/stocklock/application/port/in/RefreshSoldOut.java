package io.stocklock.application.port.in;

/**
 * Looks for units back of the SKUs this instance refuses as sold out at the door: reads their stock, without locking
 * it, and decides normally again those that have something to give. Run it every
 * {@code stocklock.background.sold-out-refresh-period}: a SKU is refused as sold out for at most two periods after
 * units came back on any instance.
 */
public interface RefreshSoldOut {

    /** @return how many SKUs have units to give again */
    int refresh();
}
