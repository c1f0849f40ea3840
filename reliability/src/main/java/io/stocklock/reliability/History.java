package io.stocklock.reliability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every client operation as it happened, one JSON object per line: {@code invoke} when a client sends a request, then
 * {@code ok} (the service or broker took it), {@code fail} (it definitely did not: the request must not hold stock) or
 * {@code info} (no answer: it may or may not have happened). The checker reads what each request came to.
 */
final class History implements AutoCloseable {

    enum Type { INVOKE, OK, FAIL, INFO }

    /** What the clients were told about a request, the most definite answer of all its attempts. */
    enum Answer { OK, FAIL, INFO }

    private final long start = System.nanoTime();
    private final BufferedWriter out;
    private final Map<UUID, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong invoked = new AtomicLong();
    private final AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

    History(Path file) {
        try {
            this.out = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void invoke(String process, String via, UUID id, String request) {
        invoked.incrementAndGet();
        write(process, Type.INVOKE, via, id, request);
    }

    void complete(String process, Type type, String via, UUID id, String result) {
        if (type == Type.INVOKE) {
            throw new IllegalArgumentException("an invoke is not a completion");
        }
        answers.merge(id, switch (type) {
            case OK -> Answer.OK;
            case FAIL -> Answer.FAIL;
            default -> Answer.INFO;
        }, History::moreDefinite);
        write(process, type, via, id, result);
    }

    long invoked() {
        return invoked.get();
    }

    long count(Type type) {
        return counts[type.ordinal()].get();
    }

    Map<UUID, Answer> answers() {
        return answers;
    }

    double secondsSinceStart() {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Answer moreDefinite(Answer earlier, Answer later) {
        if (earlier == Answer.OK || later == Answer.OK) {
            return Answer.OK; // one attempt was taken: the request exists whatever the others were told
        }
        return later == Answer.INFO ? earlier : later;
    }

    private synchronized void write(String process, Type type, String via, UUID id, String value) {
        counts[type.ordinal()].incrementAndGet();
        try {
            out.write("{\"time\":%.3f,\"process\":\"%s\",\"type\":\"%s\",\"via\":\"%s\",\"id\":\"%s\",\"value\":%s}"
                    .formatted(secondsSinceStart(), process, type.name().toLowerCase(), via, id, quote(value)));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
