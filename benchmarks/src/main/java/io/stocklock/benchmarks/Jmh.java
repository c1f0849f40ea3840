package io.stocklock.benchmarks;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.Main;

/**
 * Runs the JMH benchmarks from Maven: {@code mvn -pl benchmarks exec:java -Dexec.mainClass=io.stocklock.benchmarks.Jmh}
 * (JMH options go in {@code -Dexec.args}). Under {@code exec:java} the class path is in a class loader, not in
 * {@code java.class.path}, where JMH looks for it when it forks the measuring JVM.
 */
public final class Jmh {

    private Jmh() {
    }

    public static void main(String[] args) throws Exception {
        if (Jmh.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(path(url));
            }
            System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
        }
        Main.main(args.length == 0 ? new String[] {"AllocationBenchmark"} : args);
    }

    private static String path(URL url) throws URISyntaxException {
        return Path.of(url.toURI()).toString();
    }
}
