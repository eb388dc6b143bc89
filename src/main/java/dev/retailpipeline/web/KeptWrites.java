package dev.retailpipeline.web;

/** Records kept in memory because their database refused them (the run ledger's), written once it takes writes. */
public interface KeptWrites {

    /** Writes what is kept, in order, while the database takes it; returns how many records are still kept. */
    int writePending();

    /** Nothing kept, nothing to write. */
    KeptWrites NONE = () -> 0;
}
