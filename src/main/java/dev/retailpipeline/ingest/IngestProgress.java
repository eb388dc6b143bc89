package dev.retailpipeline.ingest;

/**
 * What the ingestion steps tell the run they belong to: the step under way and the time and rows of each. The
 * run puts an implementation in the exchange property {@value #PROPERTY}; the steps only see this interface.
 */
public interface IngestProgress {

    /** The exchange property holding the run's progress. */
    String PROPERTY = "run";
    /** The exchange property holding the chunk's hours ({@link dev.retailpipeline.time.HourRange}), snapshot hour included. */
    String HOURS = "chunkHours";
    /** The exchange property holding the run id written into every raw row. */
    String RUN_ID = "runId";
    /** The exchange property holding the load time written into every raw row, SQL timestamp text. */
    String LOADED_AT = "loadedAt";
    /** The header naming the raw table of a marshalled body ({@link RawTable} name). */
    String TABLE_HEADER = "ingestTable";
    /** The header counting the rows of a marshalled body. */
    String ROWS_HEADER = "ingestRows";

    /** The step under way, shown while the run is active. */
    void step(String name);

    /** Adds time to a step's total. */
    void timed(String step, long nanos);

    /** Rows loaded into a raw table. */
    void loaded(RawTable table, long rows);

    /** Progress that records nothing, for a load outside a run. */
    IngestProgress NONE = new IngestProgress() {
        @Override
        public void step(String name) {
        }

        @Override
        public void timed(String step, long nanos) {
        }

        @Override
        public void loaded(RawTable table, long rows) {
        }
    };
}
