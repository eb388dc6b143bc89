package dev.retailpipeline.ingest;

import java.util.Arrays;

/** A growable byte array, unsynchronized (ByteArrayOutputStream locks on every write). */
final class ByteBuf {
    byte[] a;
    int n;

    ByteBuf(int capacity) {
        a = new byte[Math.max(16, capacity)];
    }

    void ensure(int extra) {
        if (n + extra > a.length) {
            a = Arrays.copyOf(a, Math.max(a.length * 2, n + extra));
        }
    }

    void put(byte b) {
        if (n == a.length) {
            ensure(1);
        }
        a[n++] = b;
    }

    void put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, a, n, len);
        n += len;
    }
}
