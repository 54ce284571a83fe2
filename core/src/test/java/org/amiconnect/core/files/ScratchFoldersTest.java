package org.amiconnect.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftover folders of real processes, dead and alive (Linux processes {@code sleep}), in a folder of the test. */
class ScratchFoldersTest {

    private static final String KIND = "amiconnect-test-";

    @TempDir
    Path tmp;

    /** A folder of {@link #KIND} as {@code owner} would have made it, holding a 1 KiB download. */
    private Path leftover(long pid, long startMillis) throws IOException {
        Path folder = Files.createDirectory(tmp.resolve(KIND + "org_1-pid" + pid + "-t" + startMillis + "-42"));
        Files.write(folder.resolve("report.csv"), new byte[1024]);
        return folder;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().orElseThrow().toEpochMilli();
    }

    private String[] names() throws IOException {
        try (Stream<Path> all = Files.list(tmp)) {
            return all.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aFolderLeftByAProcessThatIsGoneIsRemovedWhenTheNextRunMakesItsOwn() throws Exception {
        Process crashed = new ProcessBuilder("sleep", "0.2").start();
        long pid = crashed.pid();
        long started = startMillis(crashed.toHandle());
        assertThat(crashed.waitFor()).isZero();
        Path left = leftover(pid, started);

        Path mine = ScratchFolders.create(tmp, KIND, "org_1");

        assertThat(left).doesNotExist();
        assertThat(mine).isEmptyDirectory();
        assertThat(mine.getFileName().toString()).startsWith(KIND + "org_1-pid" + ProcessHandle.current().pid() + "-t");
        assertThat(names()).containsExactly(mine.getFileName().toString());
    }

    @Test
    void theFoldersOfLiveProcessesAreKeptThisOnesAndAnothers() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path others = leftover(other.pid(), startMillis(other.toHandle()));
            Path first = ScratchFolders.create(tmp, KIND, "org_1");

            Path second = ScratchFolders.create(tmp, KIND, "org_2");

            assertThat(others.resolve("report.csv")).hasSize(1024);
            assertThat(first).isEmptyDirectory();
            assertThat(second).isEmptyDirectory();
            assertThat(ScratchFolders.sweep(tmp, KIND)).isEmpty();
        } finally {
            other.destroy();
        }
    }

    @Test
    void aProcessIdTakenByAnotherProcessSinceDoesNotKeepTheFolder() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Path left = leftover(self.pid(), startMillis(self) - Duration.ofHours(1).toMillis());

        assertThat(ScratchFolders.sweep(tmp, KIND)).containsExactly(left);

        assertThat(left).doesNotExist();
    }

    @Test
    void foldersWithoutAnOwnerAreRemovedOnlyOnceUntouchedForADayAndOtherKindsNever() throws Exception {
        Path stale = Files.createDirectory(tmp.resolve(KIND + "org_1-8234982374"));
        Path download = Files.write(stale.resolve("report.csv"), new byte[10]);
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        Files.setLastModifiedTime(download, twoDaysAgo);
        Files.setLastModifiedTime(stale, twoDaysAgo);
        Path fresh = Files.createDirectory(tmp.resolve(KIND + "org_1-9234982374"));
        Process crashed = new ProcessBuilder("sleep", "0.1").start();
        long started = startMillis(crashed.toHandle());
        crashed.waitFor();
        Path otherKind = Files.createDirectory(tmp.resolve("amiconnect-other-org_1-pid" + crashed.pid() + "-t"
                + started + "-42"));

        assertThat(ScratchFolders.sweep(tmp, KIND)).containsExactly(stale);

        assertThat(fresh).exists();
        assertThat(otherKind).exists();
    }
}
