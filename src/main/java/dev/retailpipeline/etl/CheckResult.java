package dev.retailpipeline.etl;

/** A data check's verdict in a run: its failing rows, and passed, warned or failed by its severity. */
public record CheckResult(String check, String severity, long failingRows, String status) {

    /** This verdict and a later one of the same check (another chunk of the run) as one. */
    public CheckResult and(CheckResult later) {
        long rows = failingRows + later.failingRows;
        String worst = status.equals("failed") || later.status.equals("failed") ? "failed"
                : status.equals("warned") || later.status.equals("warned") ? "warned" : "passed";
        return new CheckResult(check, severity, rows, worst);
    }
}
