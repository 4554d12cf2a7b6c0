package dev.resnettck.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a parser of untrusted bytes so that nothing but a {@link FileFormatException} (or a plain
 * I/O error) comes out of it. A pickle is a program: it can nest tuples a million deep or build a
 * list that contains itself in a few bytes, and any later hashCode, equals or toString recurses
 * through it. Such a file is answered by name instead of a StackOverflowError: the parser runs on
 * its own thread, whose stack overflow ends only that thread, and any unchecked exception of the
 * libraries underneath becomes a format error naming the file.
 */
final class ParseGuard {
    /** The parser's stack: deep enough for every real checkpoint, small enough to overflow quickly. */
    private static final long STACK_BYTES = 8L << 20;

    interface Parser<T> {
        T parse() throws IOException;
    }

    private ParseGuard() {
    }

    static <T> T run(Path file, String what, Parser<T> parser) throws IOException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(parser.parse());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "parse " + file.getFileName(), STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IOException(file + ": interrupted while reading", e);
        }
        Throwable t = failure.get();
        if (t == null) {
            return result.get();
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof StackOverflowError) {
            throw new WeightsFormatException(file, what + " nests too deeply (or refers to itself): not a state_dict");
        }
        if (t instanceof RuntimeException) {
            throw new WeightsFormatException(file, what + " is malformed (" + abbreviated(String.valueOf(t)) + ")", t);
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(file + ": " + t, t);
    }

    private static String abbreviated(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
