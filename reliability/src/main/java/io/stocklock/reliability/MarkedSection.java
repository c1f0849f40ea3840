package io.stocklock.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The part of a document between two marker lines, which a long run rewrites with its table. */
record MarkedSection(Path doc, String begin, String end) {

    /** Replaces what is between the markers with what {@code rewrite} makes of it. */
    void rewrite(UnaryOperator<String> rewrite) {
        try {
            String text = Files.readString(doc);
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalStateException(doc + " has no markers " + begin + " ... " + end);
            }
            String section = text.substring(from + begin.length(), to);
            Files.writeString(doc, text.substring(0, from + begin.length()) + "\n" + rewrite.apply(section)
                    + text.substring(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
