package dev.retailpipeline.generator;

/** One injected dirty row: its table, its key and the kind of dirt (see {@link DirtKind}). */
public record ManifestEntry(String table, long key, String kind) {
}
