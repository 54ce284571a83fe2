package org.amiconnect.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectorySlotTest {

    @TempDir
    Path dir;

    @Test
    void aSecondInstanceOnTheHostGetsItsOwnDirectoryAndARestartedOneGetsItsOwnBack() {
        Path base = dir.resolve("streams");
        try (StateDirectorySlot first = StateDirectorySlot.claim(base);
                StateDirectorySlot second = StateDirectorySlot.claim(base)) {
            assertThat(first.dir()).isEqualTo(base.toAbsolutePath());
            assertThat(second.dir()).isEqualTo(dir.resolve("streams-1").toAbsolutePath());
        }
        try (StateDirectorySlot restarted = StateDirectorySlot.claim(base)) {
            assertThat(restarted.dir()).isEqualTo(base.toAbsolutePath());
        }
    }

    @Test
    void closingTwiceReleasesOnceAndLeavesTheSlotFree() {
        Path base = dir.resolve("streams");
        StateDirectorySlot slot = StateDirectorySlot.claim(base);
        slot.close();

        assertThatCode(slot::release).doesNotThrowAnyException();
        try (StateDirectorySlot next = StateDirectorySlot.claim(base)) {
            assertThat(next.dir()).isEqualTo(base.toAbsolutePath());
        }
    }
}
