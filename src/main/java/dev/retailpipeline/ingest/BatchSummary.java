package dev.retailpipeline.ingest;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The {@code _batch} and {@code _summary} lines of a batch: what was generated and its ground truth over the
 * clean rows. Fields the source did not send are null; {@code json} is the summary's row object as sent.
 */
public record BatchSummary(Long seed, BigDecimal scale, BigDecimal dirty, Map<String, Long> rows, Long dirtyRows,
                           Long ordersPlaced, Long units, BigDecimal revenue, BigDecimal refunds, String json) {
}
