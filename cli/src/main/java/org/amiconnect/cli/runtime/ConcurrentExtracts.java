package org.amiconnect.cli.runtime;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.amiconnect.extractor.ExtractPlan;
import org.amiconnect.extractor.ExtractorService;
import org.amiconnect.schemas.control.ExtractRun;

/**
 * Runs the extracts of {@code run --once} side by side, a few at a time. Each org publishes through its own
 * transactional producer ({@link ExtractorService}), so runs of different orgs do not wait for each other; the time of
 * a run is mostly spent waiting on the vendor (report polling, paging, SFTP and database round trips), which is why a
 * pool larger than the core count pays.
 */
public final class ConcurrentExtracts {

    private final ExtractorService extractor;
    private final int parallelism;
    private final PrintWriter out;

    /**
     * @param extractor runs one plan at a time per org
     * @param parallelism how many runs at once (at least 1)
     * @param out where each run's start and outcome are printed, one line each
     */
    public ConcurrentExtracts(ExtractorService extractor, int parallelism, PrintWriter out) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.extractor = extractor;
        this.parallelism = parallelism;
        this.out = out;
    }

    /**
     * Runs every plan and returns their runs in the order of {@code plans} (a failed run is a run in state FAILED, not
     * an exception).
     *
     * @throws InterruptedException when interrupted while waiting; the runs still going are interrupted too
     */
    public List<ExtractRun> runAll(List<ExtractPlan> plans) throws InterruptedException {
        if (plans.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, plans.size()), r -> {
            Thread t = new Thread(r, "amiconnect-extract-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ExtractRun>> futures = new ArrayList<>();
            for (ExtractPlan plan : plans) {
                futures.add(pool.submit(() -> {
                    print(String.format("Extracting %s (%s) %s [%s .. %s)", plan.source().orgId(),
                            plan.source().type(), plan.extractName(), plan.start(), plan.end()));
                    ExtractRun run = extractor.execute(plan);
                    print(String.format("  run %s %s: %,d raw records%s", run.getRunId(), run.getState(),
                            run.getRecordsPublished().values().stream().mapToLong(Long::longValue).sum(),
                            run.getError() == null ? "" : " - " + run.getError()));
                    return run;
                }));
            }
            List<ExtractRun> runs = new ArrayList<>();
            for (Future<ExtractRun> f : futures) {
                runs.add(outcome(f));
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ExtractRun outcome(Future<ExtractRun> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof InterruptedException i) {
                throw i;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
