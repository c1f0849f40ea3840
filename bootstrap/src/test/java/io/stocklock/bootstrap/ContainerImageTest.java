package io.stocklock.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image that {@code jib:buildTar} writes: started as a non-root user, the JVM sized by the container,
 * the application's ports exposed, labelled, and the application inside. Run by scripts/image-check.sh (and so by
 * CI), which builds the tar and names it in {@code stocklock.image.tar}; {@code mvn verify} alone has no image to
 * check and reports this test as skipped.
 */
class ContainerImageTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theImageRunsTheServiceAsANonRootUserSizedByTheContainer() throws IOException {
        String tar = System.getProperty("stocklock.image.tar");
        Assumptions.assumeTrue(tar != null, "no image built: scripts/image-check.sh builds one and runs this test");
        Map<String, byte[]> image = entries(Files.newInputStream(Path.of(tar)));

        JsonNode manifest = json.readTree(image.get("manifest.json")).get(0);
        JsonNode config = json.readTree(image.get(manifest.get("Config").asString())).get("config");

        assertThat(config.get("User").asString()).as("user").isEqualTo("10001:10001");
        assertThat(strings(config.get("Entrypoint"))).as("entrypoint").startsWith("java")
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
                .endsWith(StocklockApplication.class.getName());
        assertThat(config.get("ExposedPorts").has("8080/tcp")).as("the API's port").isTrue();
        assertThat(config.get("ExposedPorts").has("8081/tcp")).as("the management port").isTrue();
        assertThat(config.get("Labels").get("org.opencontainers.image.title").asString()).isEqualTo("stocklock");
        assertThat(config.get("Labels").get("org.opencontainers.image.version").asString()).isNotBlank();

        List<String> files = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            files.addAll(entries(new GZIPInputStream(new ByteArrayInputStream(image.get(layer.asString())))).keySet());
        }
        assertThat(files).as("the application is in the image")
                .anyMatch(file -> file.endsWith("io/stocklock/bootstrap/StocklockApplication.class"))
                .anyMatch(file -> file.endsWith("application.yml"))
                .anyMatch(file -> file.matches(".*/stocklock-domain-.*\\.jar"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /** The files of a tar archive (POSIX ustar, as Jib writes it), by name. */
    private static Map<String, byte[]> entries(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (in) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                files.put(prefix.isEmpty() ? name : prefix + "/" + name, content);
            }
        }
        return files;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
