package org.amiconnect.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.amiconnect.adapters.beacon360.Beacon360Normalizer;
import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.adapter.Normalized;
import org.amiconnect.schemas.raw.beacon360.Beacon360MeterRead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Beacon 360 raw row → GeneralMeter + GeneralMeterRead, one row per operation (so ops/s = reads/s). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BeaconNormalizeBenchmark {

    private List<Beacon360MeterRead> rows;
    private Beacon360Normalizer normalizer;
    private int next;

    @Setup
    public void setUp() {
        rows = BeaconRows.generate(500, Instant.parse("2026-06-10T07:00:00Z"), Instant.parse("2026-06-11T07:00:00Z"));
        normalizer = new Beacon360Normalizer(BeaconRows.ZONE);
    }

    @Benchmark
    public Normalized normalizeOneRow() throws NormalizationException {
        Beacon360MeterRead row = rows.get(next);
        next = next + 1 == rows.size() ? 0 : next + 1;
        return normalizer.normalize(row);
    }
}
