package io.stocklock.application.fake;

class InMemoryStoresTest extends StoresContract {

    @Override
    protected Ports emptyPorts() {
        return new InMemoryStores().ports();
    }
}
