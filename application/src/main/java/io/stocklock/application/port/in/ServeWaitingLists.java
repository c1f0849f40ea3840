package io.stocklock.application.port.in;

/** Offers what came back of SKUs to the buyers waiting for them, first come first served. */
public interface ServeWaitingLists {

    /** @return how many entries were offered their units (or refused them for a limit of their buyer) */
    int serve(int skus);
}
