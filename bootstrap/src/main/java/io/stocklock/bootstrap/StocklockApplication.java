package io.stocklock.bootstrap;

import io.stocklock.adapters.kafka.KafkaConfiguration;
import io.stocklock.adapters.persistence.PersistenceConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Assembles stocklock: the use cases, wired to the adapters. */
@SpringBootApplication
@Import({PersistenceConfiguration.class, KafkaConfiguration.class, UseCaseConfiguration.class})
public class StocklockApplication {

    public static void main(String[] args) {
        SpringApplication.run(StocklockApplication.class, args);
    }
}
