package org.amiconnect.core.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Record keys {@code <org_id>|<id>} and reading the org back out of them. */
class RecordKeysTest {

    @Test
    void joinsOrgAndIdWithPipe() {
        assertThat(RecordKeys.of("cadc", "130615549")).isEqualTo("cadc|130615549");
    }

    @Test
    void keepsVendorIdCharactersThatAreNotThePipe() {
        assertThat(RecordKeys.of("my-org.1", "A-1.2:3")).isEqualTo("my-org.1|A-1.2:3");
    }

    @Test
    void missingIdLeavesAnEmptyIdPart() {
        assertThat(RecordKeys.of("cadc", null)).isEqualTo("cadc|");
        assertThat(RecordKeys.orgOf("cadc|")).isEqualTo("cadc");
    }

    @Test
    void extractsTheOrgFromAKey() {
        assertThat(RecordKeys.orgOf(RecordKeys.of("my_org", "device-7"))).isEqualTo("my_org");
    }

    @Test
    void orgIsEverythingBeforeTheFirstPipe() {
        assertThat(RecordKeys.orgOf("my_org|device|with|pipes")).isEqualTo("my_org");
    }

    @Test
    void keyWithoutPipeIsAllOrg() {
        // control topics key by org_id alone
        assertThat(RecordKeys.orgOf("my_org")).isEqualTo("my_org");
    }
}
