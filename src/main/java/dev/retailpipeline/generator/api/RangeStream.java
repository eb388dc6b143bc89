package dev.retailpipeline.generator.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.retailpipeline.generator.BatchSpec;
import dev.retailpipeline.generator.Format;
import dev.retailpipeline.generator.RetailGenerator;

/**
 * A range of hours as one NDJSON stream, generated an hour at a time as the client reads: memory holds one
 * hour's bytes, whatever the range's size. The bytes equal the single-hour NDJSON answers concatenated.
 */
final class RangeStream extends InputStream {

    private final RetailGenerator generator;
    private final long seed;
    private final long to;
    private final double scale;
    private final double dirty;
    private final Buffer buffer = new Buffer();
    private long next;
    private int position;

    RangeStream(RetailGenerator generator, long seed, long from, long to, double scale, double dirty) {
        this.generator = generator;
        this.seed = seed;
        this.next = from;
        this.to = to;
        this.scale = scale;
        this.dirty = dirty;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer.bytes()[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.size() - position);
        System.arraycopy(buffer.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.size() - position;
    }

    /** Makes sure unread bytes are buffered; false at the end of the range. */
    private boolean fill() throws IOException {
        while (position >= buffer.size()) {
            if (next >= to) {
                return false;
            }
            buffer.reset();
            position = 0;
            generator.writeHour(new BatchSpec(seed, next++, scale, dirty), Format.NDJSON, null, buffer);
        }
        return true;
    }

    /** A ByteArrayOutputStream whose array is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256 * 1024);
        }

        byte[] bytes() {
            return buf;
        }

        @Override
        public void reset() {
            if (buf.length > 8 * 1024 * 1024) {
                buf = new byte[256 * 1024];
            }
            super.reset();
        }
    }
}
