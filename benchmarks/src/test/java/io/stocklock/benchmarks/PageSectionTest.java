package io.stocklock.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageSectionTest {

    @Test
    void aRunsSectionIsAddedThenReplacedInPlaceAndTheOthersAreKept() {
        String page = "# Benchmarks\n\ntables\n";

        String withDrain = PageSection.DRAIN.into(page, "## Drain\n\nfirst\n");
        String withBoth = PageSection.FLASH_SALE.into(withDrain, "## Flash sale\n\nsold\n");
        String again = PageSection.DRAIN.into(withBoth, "## Drain\n\nsecond\n");

        assertThat(again).startsWith("# Benchmarks\n\ntables\n").contains("second").doesNotContain("first");
        assertThat(again.indexOf("second")).isLessThan(again.indexOf("sold"));
        assertThat(PageSection.FLASH_SALE.in(again)).contains("## Flash sale\n\nsold").endsWith("-->");
        assertThat(PageSection.DRAIN.in("# no sections")).isEmpty();
    }
}
