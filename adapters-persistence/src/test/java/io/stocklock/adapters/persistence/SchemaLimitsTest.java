package io.stocklock.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklock.domain.RequestLimit;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The migration's constraints on SKUs are the contract's ({@link RequestLimit}), whatever writes to the table. */
class SchemaLimitsTest {

    private final PostgresPorts postgres = new PostgresPorts(2);

    @AfterEach
    void closePool() {
        postgres.dataSource.close();
    }

    @Test
    void theDatabaseTakesTheSkusTheContractTakesAndRefusesTheOthers() {
        Pattern contract = Pattern.compile(RequestLimit.SKU_PATTERN);
        String longest = "a".repeat((int) RequestLimit.SKU_LENGTH.max());
        List<String> candidates = List.of("A", "sku-1", "shoe.42:red_XL", longest, longest + "a", "", "a/b", "-a",
                "a b", "é", "a;b", ".a");
        for (String sku : candidates) {
            boolean allowed = sku.length() >= RequestLimit.SKU_LENGTH.min()
                    && sku.length() <= RequestLimit.SKU_LENGTH.max() && contract.matcher(sku).matches();
            assertThat(inserts(sku)).as("'" + sku + "'").isEqualTo(allowed);
        }
    }

    private boolean inserts(String sku) {
        try {
            postgres.jdbc.sql("INSERT INTO inventory (sku, location_id, on_hand) VALUES (?, 'default', 1)").param(sku).update();
            return true;
        } catch (DataIntegrityViolationException refused) {
            return false;
        }
    }
}
