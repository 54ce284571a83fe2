package org.amiconnect.transformer;

import static org.amiconnect.transformer.SyntheticJoinDriver.ORG;
import static org.amiconnect.transformer.SyntheticJoinVendor.account;
import static org.amiconnect.transformer.SyntheticJoinVendor.interval;
import static org.amiconnect.transformer.SyntheticJoinVendor.meter;
import static org.amiconnect.transformer.SyntheticJoinVendor.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.amiconnect.core.adapter.AfterGrace;
import org.amiconnect.schemas.dlq.DeadLetter;
import org.amiconnect.schemas.model.GeneralMeterRead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sub-topology of a vendor that splits meters, accounts (valid from a date), register reads and interval reads
 * over four topics: every ordering rule of the transformer, without a broker.
 */
class SyntheticJoinVendorTest {

    private static final Duration METADATA_GRACE = Duration.ofMinutes(10);
    private static final Duration HALVES_GRACE = Duration.ofMinutes(5);

    private SyntheticJoinDriver t = new SyntheticJoinDriver(METADATA_GRACE, AfterGrace.EMIT_WITHOUT_METADATA,
            HALVES_GRACE);

    @AfterEach
    void stop() {
        t.close();
    }

    private void metadata(String device) {
        t.pipe(meter(ORG, device, "5/8\""));
        t.pipe(account(ORG, device, "A-" + device, "L-" + device, "2024-01-01 00:00"));
    }

    @Test
    void readsBeforeTheirMeterWaitAndLeaveWithTheAccountWhenTheMetadataArrives() {
        t.pipe(register(ORG, "d1", "2024-11-01 10:00", "10", "CCF"));
        t.pipe(interval(ORG, "d1", "2024-11-01 10:00", "7.48052", "GAL"));
        assertThat(t.reads.isEmpty()).isTrue();
        assertThat(t.metrics.waitingForMetadata()).isEqualTo(2);

        t.pipe(meter(ORG, "d1", "5/8\""));
        assertThat(t.reads.isEmpty()).as("the account is missing still").isTrue();
        t.pipe(account(ORG, "d1", "A1", "L1", "2024-01-01 00:00"));

        List<GeneralMeterRead> out = t.reads.readValuesToList();
        assertThat(out).hasSize(1);
        GeneralMeterRead read = out.get(0);
        assertThat(read.getFlowtime()).isEqualTo(Instant.parse("2024-11-01T17:00:00Z"));
        assertThat(read.getRegisterValue()).isEqualTo(1000.0);
        assertThat(read.getIntervalValue()).isEqualTo(1.0);
        assertThat(read.getAccountId()).isEqualTo("A1");
        assertThat(read.getLocationId()).isEqualTo("L1");
        assertThat(t.metrics.waitingForMetadata()).isZero();
        assertThat(t.metrics.releasedByMetadata()).isEqualTo(2);
        assertThat(t.meters.readValuesToList()).last()
                .satisfies(m -> assertThat(m.getAccountId()).isEqualTo("A1"))
                .satisfies(m -> assertThat(m.getMeterSize()).isEqualTo("0.625"));
    }

    @Test
    void registerAndIntervalBecomeOneReadWhicheverComesFirst() {
        metadata("d1");
        t.pipe(interval(ORG, "d1", "2024-11-01 10:00", "1", "CF"));
        t.pipe(register(ORG, "d1", "2024-11-01 10:00", "100", "CF"));
        t.pipe(register(ORG, "d1", "2024-11-01 11:00", "101", "CF"));
        t.pipe(interval(ORG, "d1", "2024-11-01 11:00", "1", "CF"));

        List<GeneralMeterRead> out = t.reads.readValuesToList();
        assertThat(out).hasSize(2).allSatisfy(r -> {
            assertThat(r.getRegisterValue()).isNotNull();
            assertThat(r.getIntervalValue()).isEqualTo(1.0);
        });
        assertThat(t.metrics.mergedHalves()).isEqualTo(2);
    }

    @Test
    void aLoneHalfLeavesAfterTheGraceAndALaterUpdateNeverBlanksTheOtherHalf() {
        metadata("d1");
        t.pipe(register(ORG, "d1", "2024-11-01 10:00", "100", "CF"));
        assertThat(t.reads.isEmpty()).isTrue();
        t.advance(HALVES_GRACE.plusSeconds(1));
        GeneralMeterRead alone = t.reads.readValue();
        assertThat(alone.getRegisterValue()).isEqualTo(100.0);
        assertThat(alone.getIntervalValue()).isNull();
        assertThat(t.metrics.halvesPublishedAlone()).isEqualTo(1);

        t.pipe(interval(ORG, "d1", "2024-11-01 10:00", "2", "CF"));
        t.pipe(register(ORG, "d1", "2024-11-01 10:00", "100.5", "CF"));

        List<GeneralMeterRead> updates = t.reads.readValuesToList();
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).getRegisterValue()).isEqualTo(100.0);
        assertThat(updates.get(0).getIntervalValue()).isEqualTo(2.0);
        assertThat(updates.get(1).getRegisterValue()).isEqualTo(100.5);
        assertThat(updates.get(1).getIntervalValue()).as("the register update keeps the interval").isEqualTo(2.0);
    }

    @Test
    void anIdenticalReadIsPublishedOnceAndADifferentOneWins() {
        metadata("d1");
        for (int i = 0; i < 3; i++) {
            t.pipe(register(ORG, "d1", "2024-11-01 10:00", "100", "CF"));
            t.pipe(interval(ORG, "d1", "2024-11-01 10:00", "1", "CF"));
        }
        assertThat(t.reads.readValuesToList()).hasSize(1);
        assertThat(t.metrics.duplicateReads()).isEqualTo(4);

        t.pipe(interval(ORG, "d1", "2024-11-01 10:00", "1.5", "CF"));
        GeneralMeterRead later = t.reads.readValue();
        assertThat(later.getIntervalValue()).isEqualTo(1.5);
        assertThat(later.getRegisterValue()).isEqualTo(100.0);
    }

    @Test
    void metadataLaterThanTheGraceFindsItsReadsPublishedWithoutItAndCompletesThem() {
        t.pipe(register(ORG, "d1", "2024-11-01 10:00", "100", "CF"));
        t.pipe(interval(ORG, "d1", "2024-11-01 10:00", "1", "CF"));
        t.advance(METADATA_GRACE.plusSeconds(1));

        GeneralMeterRead without = t.reads.readValue();
        assertThat(without.getAccountId()).isNull();
        assertThat(without.getRegisterValue()).isEqualTo(100.0);
        assertThat(without.getIntervalValue()).isEqualTo(1.0);
        assertThat(t.metrics.publishedWithoutMetadata()).isEqualTo(2);
        assertThat(t.reads.isEmpty()).isTrue();

        metadata("d1");
        GeneralMeterRead completed = t.reads.readValue();
        assertThat(completed.getAccountId()).isEqualTo("A-d1");
        assertThat(completed.getIntervalValue()).isEqualTo(1.0);
    }

    @Test
    void underTheDeadLetterRuleAReadWithoutMetadataAfterTheGraceIsADeadLetterWithItsBytes() {
        t.close();
        t = new SyntheticJoinDriver(METADATA_GRACE, AfterGrace.DEAD_LETTER, HALVES_GRACE);
        t.pipe(register(ORG, "d9", "2024-11-01 10:00", "100", "CF"));
        t.advance(METADATA_GRACE.minusSeconds(5));
        assertThat(t.deadLetters.isEmpty()).isTrue();
        t.advance(Duration.ofSeconds(10));

        DeadLetter letter = t.deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("join");
        assertThat(letter.getErrorMessage()).contains(ORG + "|d9", "PT10M");
        assertThat(letter.getOriginalTopic()).isEqualTo("ami.raw.synthetic.register");
        assertThat(letter.getOriginalValue().remaining()).isPositive();
        assertThat(letter.getOriginalKey().array()).isEqualTo((ORG + "|d9").getBytes(StandardCharsets.UTF_8));
        assertThat(t.reads.isEmpty()).isTrue();
        assertThat(t.metrics.deadLetteredWithoutMetadata()).isEqualTo(1);
    }

    @Test
    void eachReadTakesTheAccountValidAtItsFlowtimeEvenWhenAVersionComesLate() {
        t.pipe(meter(ORG, "d1", "1"));
        t.pipe(account(ORG, "d1", "A1", "L1", "2024-01-01 00:00"));
        t.pipe(register(ORG, "d1", "2024-03-01 10:00", "100", "CF"));
        t.pipe(interval(ORG, "d1", "2024-03-01 10:00", "1", "CF"));
        t.pipe(register(ORG, "d1", "2024-07-01 10:00", "200", "CF"));
        t.pipe(interval(ORG, "d1", "2024-07-01 10:00", "1", "CF"));
        assertThat(t.reads.readValuesToList()).extracting(GeneralMeterRead::getAccountId).containsExactly("A1", "A1");

        t.pipe(account(ORG, "d1", "A2", "L2", "2024-06-01 00:00"));

        List<GeneralMeterRead> corrected = t.reads.readValuesToList();
        assertThat(corrected).hasSize(1);
        assertThat(corrected.get(0).getFlowtime()).isEqualTo(Instant.parse("2024-07-01T17:00:00Z"));
        assertThat(corrected.get(0).getAccountId()).isEqualTo("A2");
        assertThat(corrected.get(0).getLocationId()).isEqualTo("L2");
        assertThat(t.meters.readValuesToList()).last().satisfies(m -> assertThat(m.getAccountId()).isEqualTo("A2"));
    }

    @Test
    void hourlyReadsOverBothClockChangeDaysAreDistinctUtcReads() {
        metadata("d1");
        List<String> localTimes = new ArrayList<>();
        for (String day : List.of("2024-03-10", "2024-11-03")) {
            for (int h = 0; h < 24; h++) {
                localTimes.add(String.format("%s %02d:30", day, h));
            }
        }
        for (String time : localTimes) {
            t.pipe(register(ORG, "d1", time, "1", "CF"));
            t.pipe(interval(ORG, "d1", time, "0", "CF"));
        }
        List<GeneralMeterRead> out = t.reads.readValuesToList();
        // spring forward: 02:30 does not exist and moves to 03:30, the same instant as the real 03:30 read, so the
        // day has 23 distinct reads; fall back: 01:30 is read as standard time once, so that day has 24
        assertThat(out).extracting(GeneralMeterRead::getFlowtime).doesNotHaveDuplicates().hasSize(47)
                .contains(Instant.parse("2024-03-10T10:30:00Z"), Instant.parse("2024-11-03T09:30:00Z"))
                .isSorted();
        assertThat(out).allSatisfy(r -> assertThat(r.getIntervalValue()).isZero());
    }

    @Test
    void anUnknownUnitIsADeadLetterNamingIt() {
        metadata("d1");
        t.pipe(register(ORG, "d1", "2024-11-01 10:00", "100", "Pounds"));
        DeadLetter letter = t.deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("normalize");
        assertThat(letter.getErrorMessage()).contains("d1", "Pounds");
        assertThat(t.reads.isEmpty()).isTrue();
        assertThat(t.metrics.waitingForMetadata()).isZero();
    }

    @Test
    void implausibleReadsAreFlaggedNeverDropped() {
        metadata("d1"); // a 5/8" meter: at most ~321 CF in an hour with the check's margin
        t.pipe(register(ORG, "d1", "2024-11-01 10:00", "500", "CF"));
        t.pipe(interval(ORG, "d1", "2024-11-01 10:00", "-1", "CF"));
        t.pipe(register(ORG, "d1", "2024-11-01 11:00", "400", "CF"));
        t.pipe(interval(ORG, "d1", "2024-11-01 11:00", "1000", "CF"));
        t.pipe(register(ORG, "d1", "2099-01-01 00:00", "600", "CF"));
        t.pipe(interval(ORG, "d1", "2099-01-01 00:00", "1", "CF"));

        List<GeneralMeterRead> out = t.reads.readValuesToList();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).getQuality()).containsExactly(QualityChecks.NEGATIVE_INTERVAL);
        assertThat(out.get(1).getQuality())
                .containsExactlyInAnyOrder(QualityChecks.IMPLAUSIBLE_SPIKE, QualityChecks.REGISTER_BACKWARDS);
        assertThat(out.get(2).getQuality()).containsExactly(QualityChecks.FUTURE_FLOWTIME);
        assertThat(t.metrics.qualityFlag(QualityChecks.REGISTER_BACKWARDS)).isEqualTo(1);
    }
}
