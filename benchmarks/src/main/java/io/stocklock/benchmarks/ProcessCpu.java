package io.stocklock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each kind of process on the machine between two readings of {@code /proc}: the endpoint's service, the
 * Kafka broker, the benchmark's PostgreSQL server (its postmaster and backends, not any other PostgreSQL on the
 * machine), and the load generator (a child of this process, counted once it has exited). Divided by
 * the requests of a run, it says where a request's CPU goes, on a machine whose cores they all share. Reads 0 where
 * there is no {@code /proc}.
 */
final class ProcessCpu {

    enum Kind { SERVICE, KAFKA, POSTGRES, LOAD }

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<Kind, Double> seconds;

    private ProcessCpu(Map<Kind, Double> seconds) {
        this.seconds = seconds;
    }

    /**
     * @param service    a text only the command line of the measured service holds
     * @param postmaster the process id of the benchmark's PostgreSQL server
     */
    static ProcessCpu read(String service, long postmaster) {
        Map<Kind, Double> seconds = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            seconds.put(kind, 0.0);
        }
        seconds.put(Kind.LOAD, ownChildrenSeconds());
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(process -> {
                        String command = commandLine(process);
                        long pid = Long.parseLong(process.getFileName().toString());
                        Kind kind = command.contains(service) ? Kind.SERVICE
                                : command.contains("kafka.Kafka") ? Kind.KAFKA
                                : pid == postmaster || parent(process) == postmaster ? Kind.POSTGRES
                                : null;
                        if (kind != null) {
                            // a PostgreSQL backend that ended is counted in its postmaster's children's time
                            seconds.merge(kind, cpuSeconds(process, kind == Kind.POSTGRES), Double::sum);
                        }
                    });
        } catch (IOException e) {
            return new ProcessCpu(seconds);
        }
        return new ProcessCpu(seconds);
    }

    /** CPU milliseconds of each kind per request, from this reading to a later one. */
    Map<Kind, Double> millisPerRequest(ProcessCpu later, long requests) {
        Map<Kind, Double> perRequest = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            perRequest.put(kind, requests == 0 ? Double.NaN
                    : 1_000 * (later.seconds.get(kind) - seconds.get(kind)) / requests);
        }
        return perRequest;
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // it ended meanwhile
        }
    }

    private static double cpuSeconds(Path process, boolean withEndedChildren) {
        long[] fields = statFields(process.resolve("stat"));
        if (fields.length == 0) {
            return 0;
        }
        long ticks = fields[0] + fields[1] + (withEndedChildren ? fields[2] + fields[3] : 0);
        return ticks / TICKS_PER_SECOND;
    }

    private static long parent(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1; // it ended meanwhile
        }
    }

    /** The load generator runs as a child of this process: its time is in our children's time once it ended. */
    private static double ownChildrenSeconds() {
        long[] fields = statFields(Path.of("/proc/self/stat"));
        return fields.length == 0 ? 0 : (fields[2] + fields[3]) / TICKS_PER_SECOND;
    }

    /** utime, stime, cutime, cstime (fields 14-17 of {@code stat}); empty if unreadable. */
    private static long[] statFields(Path stat) {
        try {
            String line = Files.readString(stat);
            // the command name in parentheses may hold spaces: count fields after its closing parenthesis
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }
}
