package dev.retailpipeline.etl;

/**
 * What the ETL steps tell the run they belong to: the step under way, each SQL file's rows and time, each check's
 * verdict. The run puts an implementation in the exchange property {@value #PROPERTY}.
 */
public interface EtlProgress {

    /** The exchange property holding the run's progress. */
    String PROPERTY = "run";

    void step(String name);

    /** A SQL file ran: the rows its statements changed or returned, and its time. */
    void sqlStep(String name, long rows, long nanos);

    void check(CheckResult result);
}
