package org.amiconnect.cli.commands.archive;

import java.io.PrintWriter;

import org.amiconnect.archiver.replay.ReplayListener;

/** A replay's progress by archive bytes read: redrawn in place on a terminal, one line per object otherwise. */
final class ProgressBar implements ReplayListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private long records;

    ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void objectDone(String key, long objectRecords, int done, int total, long bytesDone, long bytesTotal) {
        records += objectRecords;
        int percent = bytesTotal == 0 ? 100 : (int) (bytesDone * 100 / bytesTotal);
        int filled = percent * WIDTH / 100;
        String line = String.format("[%s%s] %3d%%  %,d/%,d objects  %,d records", "#".repeat(filled),
                "-".repeat(WIDTH - filled), percent, done, total, records);
        if (terminal) {
            err.print("\r" + line + (done == total ? System.lineSeparator() : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void objectFailed(String key, String problem) {
        if (terminal) {
            err.println();
        }
        err.println("  skipped: " + problem);
        err.flush();
    }
}
