package io.stocklock.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

    @Test
    void aNewRunDirectoryReplacesTheEarlierRunsAndLeavesEverythingElse(@TempDir Path parent) throws IOException {
        Path earlier = Processes.runDirectory(parent);
        Files.createDirectories(earlier.resolve("postgres"));
        Files.writeString(earlier.resolve("postgres").resolve("data"), "gigabytes");
        Files.writeString(parent.resolve("runs.md"), "- a line per run\n");

        Path latest = Processes.runDirectory(parent);

        assertThat(latest).isDirectory().hasParent(parent);
        assertThat(latest.getFileName().toString()).startsWith("run-");
        assertThat(earlier).doesNotExist();
        assertThat(parent.resolve("runs.md")).hasContent("- a line per run");
    }
}
