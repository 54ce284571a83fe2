package org.amiconnect.simulators.generator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded, deterministic simulated water utility: meters with realistic attributes and their hourly reads.
 *
 * <p>Every value is a pure function of (seed, meter index, UTC hour): two requests over overlapping ranges return
 * identical reads for the hours they share, and meter {@code i} is the same whatever the meter count.
 */
public final class UtilityGenerator {

    private static final int SALT_ESTIMATED = 21;
    private static final double ESTIMATED_SHARE = 0.01;

    private final long seed;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final List<SimulatedMeter> meters;
    private final ConsumptionModel[] models;

    public UtilityGenerator(long seed, int meterCount, ZoneId zone) {
        if (meterCount < 0 || meterCount > MeterFactory.MAX_METERS) {
            throw new IllegalArgumentException(
                    "meterCount must be between 0 and " + MeterFactory.MAX_METERS + " but was " + meterCount);
        }
        this.seed = seed;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        MeterFactory factory = new MeterFactory(seed, zone);
        List<SimulatedMeter> built = new ArrayList<>(meterCount);
        this.models = new ConsumptionModel[meterCount];
        for (int i = 0; i < meterCount; i++) {
            MeterFactory.Built meter = factory.build(i);
            built.add(meter.meter());
            models[i] = meter.model();
        }
        this.meters = Collections.unmodifiableList(built);
    }

    public long seed() {
        return seed;
    }

    public ZoneId zone() {
        return zone;
    }

    public int meterCount() {
        return meters.size();
    }

    public List<SimulatedMeter> meters() {
        return meters;
    }

    public SimulatedMeter meter(int index) {
        return meters.get(index);
    }

    /**
     * One read per meter per UTC hour, stamped at the meter's minute of the hour, for read instants in
     * [{@code fromInclusive}, {@code toExclusive}); ordered by meter, then time.
     */
    public Stream<SimulatedRead> reads(Instant fromInclusive, Instant toExclusive) {
        return meters.stream().flatMap(meter -> reads(meter, fromInclusive, toExclusive));
    }

    /** The reads of one meter with instants in [{@code fromInclusive}, {@code toExclusive}), in time order. */
    public Stream<SimulatedRead> reads(SimulatedMeter meter, Instant fromInclusive, Instant toExclusive) {
        checkOwn(meter);
        long minuteSeconds = meter.readMinute() * 60L;
        long firstSlot = ceilDiv(ceilSeconds(fromInclusive) - minuteSeconds, 3_600L);
        long endSlot = Math.max(firstSlot, ceilDiv(ceilSeconds(toExclusive) - minuteSeconds, 3_600L));
        return StreamSupport.stream(new MeterReads(meter, firstSlot, endSlot), false);
    }

    /** The read of {@code meter} stamped in the UTC hour that contains {@code anyTimeInHour}. */
    public SimulatedRead read(SimulatedMeter meter, Instant anyTimeInHour) {
        checkOwn(meter);
        long slot = Math.floorDiv(anyTimeInHour.getEpochSecond(), 3_600L);
        double[] cumulative = new double[24];
        double[] use = new double[24];
        long day = Math.floorDiv(slot, 24L);
        models[meter.index()].fillDay(day, rules, cumulative, use);
        int hour = (int) (slot - day * 24);
        return render(meter, slot, cumulative[hour], use[hour]);
    }

    private void checkOwn(SimulatedMeter meter) {
        if (meter.index() < 0 || meter.index() >= meters.size() || meters.get(meter.index()) != meter) {
            throw new IllegalArgumentException("meter " + meter.endpointSn() + " does not belong to this generator");
        }
    }

    private SimulatedRead render(SimulatedMeter meter, long slot, double cumulativeUse, double hourUse) {
        ConsumptionModel model = models[meter.index()];
        double register = model.registerCf(slot, cumulativeUse);
        double flow = model.hourFlowCf(slot, hourUse);
        long readSecond = slot * 3_600L + meter.readMinute() * 60L;
        Instant instant = Instant.ofEpochSecond(readSecond);
        LocalDateTime local = LocalDateTime.ofEpochSecond(readSecond, 0, rules.getOffset(instant));
        boolean estimated = Hashing.unit(seed, meter.index(), slot, SALT_ESTIMATED) < ESTIMATED_SHARE;
        long leakWindowStart = model.leakWindowStart(slot);
        Instant leakStart = leakWindowStart < 0 ? null : Instant.ofEpochSecond(leakWindowStart * 3_600L);

        VendorUnit registerUnit = VendorUnit.byLabel(meter.registerUnit());
        long registerScaled = registerUnit.scaled(register, registerUnit.registerDecimals);
        VendorUnit flowUnit = VendorUnit.byLabel(meter.flowUnit());
        long flowScaled = flowUnit.scaled(flow, flowUnit.flowDecimals);
        return new SimulatedRead(meter, instant, local, register, flow, estimated, leakStart,
                DecimalText.decimal(registerScaled, registerUnit.registerDecimals), registerUnit.label,
                DecimalText.dials(registerScaled, meter.dials()),
                DecimalText.decimal(flowScaled, flowUnit.flowDecimals), flowUnit.label);
    }

    private static long ceilSeconds(Instant instant) {
        return instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    /** Walks one meter's hours, computing each UTC day's hourly split once. */
    private final class MeterReads extends Spliterators.AbstractSpliterator<SimulatedRead> {
        private final SimulatedMeter meter;
        private final ConsumptionModel model;
        private final long endSlot;
        private final double[] cumulative = new double[24];
        private final double[] use = new double[24];
        private long slot;
        private long loadedDay = Long.MIN_VALUE;

        MeterReads(SimulatedMeter meter, long firstSlot, long endSlot) {
            super(endSlot - firstSlot, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE
                    | Spliterator.SIZED);
            this.meter = meter;
            this.model = models[meter.index()];
            this.slot = firstSlot;
            this.endSlot = endSlot;
        }

        @Override
        public boolean tryAdvance(Consumer<? super SimulatedRead> action) {
            if (slot >= endSlot) {
                return false;
            }
            long day = Math.floorDiv(slot, 24L);
            if (day != loadedDay) {
                model.fillDay(day, rules, cumulative, use);
                loadedDay = day;
            }
            int hour = (int) (slot - day * 24);
            action.accept(render(meter, slot, cumulative[hour], use[hour]));
            slot++;
            return true;
        }
    }
}
