package dev.retailpipeline.generator.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.RetailGenerator;

/**
 * A range of hours as one NDJSON stream: a producer thread runs {@link RetailGenerator#writeRange} into a
 * bounded queue of chunks that the HTTP server drains, so generation and sending overlap and memory holds at
 * most {@value #CHUNKS} chunks of {@value #CHUNK} bytes, whatever the range's size. Closing the stream early
 * (the client went away) stops the producer.
 */
final class RangeStream extends InputStream {

    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS);
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int currentLength;
    private int position;
    private boolean ended;

    /** The hours from..to-1; with {@code snapshot}, the snapshot of the hour before {@code from} first. */
    RangeStream(RetailGenerator generator, long seed, long from, long to, double scale, double dirty, boolean snapshot) {
        Thread producer = new Thread(() -> {
            Object last = END;
            try (OutputStream out = new QueueOutput()) {
                if (snapshot) {
                    generator.writeSnapshot(new BatchSpec(seed, from - 1, scale, dirty), Format.NDJSON, null, out);
                }
                generator.writeRange(seed, from, to - 1, scale, dirty, out);
            } catch (IOException | RuntimeException e) {
                last = e;
            }
            if (!closed) {
                offer(last);
            }
        }, "generator-range-" + from);
        producer.setDaemon(true);
        producer.start();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position >= currentLength) {
            if (ended) {
                return -1;
            }
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the generator");
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof RuntimeException e) {
                throw new IOException("the generator failed: " + e.getMessage(), e);
            }
            Chunk chunk = (Chunk) next;
            current = chunk.bytes;
            currentLength = chunk.length;
            position = 0;
        }
        int n = Math.min(len, currentLength - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return currentLength - position;
    }

    @Override
    public void close() {
        closed = true;
        ended = true;
        queue.clear();
    }

    private void offer(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // wait for the reader, unless it went away
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Chunk(byte[] bytes, int length) {
    }

    /** The producer's side: fills chunks and hands them over; fails once the reader has closed. */
    private final class QueueOutput extends OutputStream {
        private byte[] buffer = new byte[CHUNK];
        private int length;

        @Override
        public void write(int b) throws IOException {
            if (length == buffer.length) {
                flushChunk();
            }
            buffer[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (length == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - length);
                System.arraycopy(b, off, buffer, length, n);
                length += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() throws IOException {
            if (closed) {
                throw new IOException("the client closed the range stream");
            }
            if (length > 0) {
                offer(new Chunk(buffer, length));
                buffer = new byte[CHUNK];
                length = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }
    }
}
