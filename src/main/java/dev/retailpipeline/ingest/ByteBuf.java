package dev.retailpipeline.ingest;

import java.util.Arrays;

/** A growable byte array, unsynchronized (ByteArrayOutputStream locks on every write). */
final class ByteBuf {
    /** The bytes written so far are {@code bytes[0 .. size)}; the array grows as needed. */
    byte[] bytes;
    int size;

    ByteBuf(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    void put(byte b) {
        if (size == bytes.length) {
            ensure(1);
        }
        bytes[size++] = b;
    }

    void put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, size, len);
        size += len;
    }
}
