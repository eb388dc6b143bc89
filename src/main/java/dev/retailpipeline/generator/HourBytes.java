package dev.retailpipeline.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The serialized bytes of one hour and its source row count: a growable, unsynchronized byte buffer that a worker
 * fills (through {@link JsonBatchWriter#JsonBatchWriter(HourBytes)} or as an OutputStream) and the consumer writes
 * out. Reused from hour to hour.
 */
final class HourBytes extends OutputStream {
    private byte[] buf;
    private int length;
    long rows;

    HourBytes(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        length = 0;
        rows = 0;
    }

    @Override
    public void write(int b) {
        if (length == buf.length) {
            grow(1);
        }
        buf[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len > buf.length - length) {
            grow(len);
        }
        System.arraycopy(b, off, buf, length, len);
        length += len;
    }

    private void grow(int more) {
        long needed = (long) length + more;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new OutOfMemoryError("an hour of more than 2 GB");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, (long) buf.length * 2));
        buf = Arrays.copyOf(buf, capacity);
    }

    int length() {
        return length;
    }

    /** The buffer, for a writer that fills it directly and then hands it back with {@link #set}. */
    byte[] buffer() {
        return buf;
    }

    /** Takes over a (possibly grown) buffer holding length bytes. */
    void set(byte[] buffer, int length) {
        this.buf = buffer;
        this.length = length;
    }

    /** Writes the bytes to out. */
    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, length);
    }
}
