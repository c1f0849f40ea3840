package example.engine;

import io.stocklock.adapters.persistence.JdbcTransactions;
import io.stocklock.adapters.persistence.outbox.JdbcOutbox;
import io.stocklock.adapters.persistence.outbox.OutboxOutcomeEvents;
import io.stocklock.adapters.persistence.outbox.OutboxPublisher;
import io.stocklock.adapters.persistence.reservation.JdbcReservationStore;
import io.stocklock.adapters.persistence.sale.JdbcSales;
import io.stocklock.adapters.persistence.stock.JdbcInventory;
import io.stocklock.adapters.persistence.stock.JdbcStockLedger;
import io.stocklock.adapters.persistence.stock.JdbcStockLevelOutbox;
import io.stocklock.adapters.persistence.waiting.JdbcWaitingList;
import io.stocklock.application.UseCases;
import io.stocklock.application.port.in.ManageStock.CreateStockCommand;
import io.stocklock.application.port.in.ProcessReservations.ProcessReservationsCommand;
import io.stocklock.application.port.in.ProcessReservations.RequestOutcome;
import io.stocklock.domain.reservation.ReservationId;
import io.stocklock.domain.reservation.ReservationLine;
import io.stocklock.domain.reservation.ReservationPolicy;
import io.stocklock.domain.reservation.ReservationRequest;
import io.stocklock.domain.stock.Quantity;
import io.stocklock.domain.stock.Sku;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * stocklock's decision engine inside another service: its tables in the service's own PostgreSQL (Flyway), its use
 * cases built once by {@link UseCases} on the PostgreSQL adapter's stores. Requests are decided synchronously, in
 * batches under sorted row locks, exactly as the stocklock service decides them; outcome events stay in the
 * {@code outbox} table for the host to read or relay ({@link OutboxPublisher}).
 */
public final class EmbeddedEngine {

    private final UseCases useCases;

    public EmbeddedEngine(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var events = new OutboxOutcomeEvents(jdbc);
        useCases = new UseCases(new UseCases.Ports(new JdbcTransactions(new DataSourceTransactionManager(dataSource)),
                new JdbcReservationStore(jdbc), new JdbcInventory(jdbc), new JdbcStockLedger(jdbc), events,
                new JdbcOutbox(jdbc), new OutboxPublisher(events), new JdbcSales(jdbc),
                new JdbcStockLevelOutbox(jdbc), new JdbcWaitingList(jdbc), Clock.systemUTC()),
                ReservationPolicy.DEFAULTS);
    }

    /** The use cases: {@code process()} decides, {@code manageStock()} keeps stock, and so on. */
    public UseCases useCases() {
        return useCases;
    }

    /**
     * Creates a SKU with some units and decides one request for a few of them:
     * {@code java -cp ... example.engine.EmbeddedEngine JDBC_URL USER PASSWORD}.
     */
    public static void main(String[] args) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(args[2]);
        // a decision waits at most 5 s for a row lock, and each statement is planned once, as the service's are
        dataSource.setOptions("-c lock_timeout=5s -c statement_timeout=60s -c plan_cache_mode=force_generic_plan");
        var engine = new EmbeddedEngine(dataSource);
        Sku sku = Sku.of("EXAMPLE-" + System.currentTimeMillis());
        engine.useCases().manageStock().create(new CreateStockCommand(sku, 3));
        var request = new ReservationRequest(ReservationId.generate(), "example-buyer",
                List.of(new ReservationLine(sku, Quantity.of(2))), Duration.ofMinutes(10));
        List<RequestOutcome> outcomes = engine.useCases().process().process(
                new ProcessReservationsCommand(List.of(request)));
        System.out.println(outcomes.get(0));
    }
}
