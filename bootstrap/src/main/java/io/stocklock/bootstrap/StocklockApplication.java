package io.stocklock.bootstrap;

import io.stocklock.adapters.kafka.KafkaConfiguration;
import io.stocklock.adapters.persistence.PersistenceConfiguration;
import io.stocklock.adapters.rest.RestConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Assembles stocklock: the use cases, wired to the adapters. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(BackgroundSettings.class)
@Import({PersistenceConfiguration.class, KafkaConfiguration.class, RestConfiguration.class,
        UseCaseConfiguration.class, OperationsConfiguration.class})
public class StocklockApplication {

    public static void main(String[] args) {
        SpringApplication.run(StocklockApplication.class, args);
    }
}
