package io.stocklock.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/** Starting, signalling and reaping the processes of a run. */
public final class Processes {

    private Processes() {
    }

    /** Starts {@code command} with its output appended to {@code log}; it dies with this JVM at the latest. */
    public static Process start(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Sends {@code signal} (KILL, STOP, CONT, QUIT, TERM) to {@code pid}. */
    public static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code pid} to be gone. */
    public static void awaitExit(long pid, Duration timeout) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            try {
                handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + pid + " did not exit within " + timeout, e);
            }
        });
    }

    /**
     * A new directory ({@code run-...}) for the data and logs of one run's processes, under {@code parent}, which keeps
     * only the latest run: the {@code run-} directories of earlier runs are deleted first (a database and a broker
     * under load leave gigabytes); anything else in {@code parent} stays.
     */
    public static Path runDirectory(Path parent) {
        try {
            Files.createDirectories(parent);
            try (Stream<Path> earlier = Files.list(parent)) {
                for (Path run : earlier.filter(path -> path.getFileName().toString().startsWith("run-")).toList()) {
                    FileSystemUtils.deleteRecursively(run);
                }
            }
            return Files.createTempDirectory(parent, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the run in " + parent, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java launcher of this JVM, so that every process of a run uses the same JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Heap and collector of a service's JVM (stocklock and the benchmark's reference service alike), from
     * {@code -Dstocklock.service-memory="..."}; by default a small heap with the serial collector, so that the fault
     * suite's several instances share a machine.
     */
    public static List<String> serviceMemory() {
        return List.of(System.getProperty("stocklock.service-memory", "-Xms128m -Xmx512m -XX:+UseSerialGC")
                .trim().split("\\s+"));
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
