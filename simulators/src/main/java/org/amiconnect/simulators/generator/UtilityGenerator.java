package org.amiconnect.simulators.generator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded, deterministic simulated water utility: meters with realistic attributes and their hourly reads.
 *
 * <p>Every value is a pure function of (seed, meter index, UTC hour): two requests over overlapping ranges return
 * identical reads for the hours they share, and meter {@code i} is the same whatever the meter count.
 *
 * <p>Meters are not held: meter {@code i} is drawn from (seed, i) when asked for, so memory stays flat in the meter
 * count (a million-meter utility costs what a thousand-meter one does). A small direct-mapped cache of
 * {@value #CACHE_SLOTS} slots keeps recently drawn meters, so a utility of at most that many meters hands out the same
 * {@link SimulatedMeter} instance for an index every time, and a larger one an equal instance. Thread safe.
 */
public final class UtilityGenerator {

    private static final int SALT_ESTIMATED = 21;
    private static final double ESTIMATED_SHARE = 0.01;

    private final long seed;
    private final ZoneId zone;
    private final ZoneRules rules;
    /** Slots of the meter cache; a power of two. */
    static final int CACHE_SLOTS = 1 << 12;

    private final int meterCount;
    private final MeterFactory factory;
    private final AtomicReferenceArray<MeterFactory.Built> cache = new AtomicReferenceArray<>(CACHE_SLOTS);
    private final List<SimulatedMeter> meters = new MeterList();

    /**
     * A utility of {@code meterCount} meters; nothing is drawn until asked for.
     *
     * @param seed       the seed every value derives from
     * @param meterCount meters, 0 to {@value MeterFactory#MAX_METERS}
     * @param zone       the utility's time zone (local read times, DST)
     * @throws IllegalArgumentException when {@code meterCount} is outside that range
     */
    public UtilityGenerator(long seed, int meterCount, ZoneId zone) {
        if (meterCount < 0 || meterCount > MeterFactory.MAX_METERS) {
            throw new IllegalArgumentException(
                    "meterCount must be between 0 and " + MeterFactory.MAX_METERS + " but was " + meterCount);
        }
        this.seed = seed;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        this.meterCount = meterCount;
        this.factory = new MeterFactory(seed, zone);
    }

    public long seed() {
        return seed;
    }

    public ZoneId zone() {
        return zone;
    }

    public int meterCount() {
        return meterCount;
    }

    /**
     * All meters in index order, as an unmodifiable random-access view that draws each meter when read: iterating it
     * holds one meter at a time, collecting it holds them all.
     */
    public List<SimulatedMeter> meters() {
        return meters;
    }

    /**
     * Meter {@code index}, drawn from (seed, index).
     *
     * @throws IndexOutOfBoundsException when {@code index} is not in [0, {@link #meterCount()})
     */
    public SimulatedMeter meter(int index) {
        return built(Objects.checkIndex(index, meterCount)).meter();
    }

    /** The meter and its consumption model, from the cache or drawn anew (and then cached). */
    private MeterFactory.Built built(int index) {
        int slot = index & (CACHE_SLOTS - 1);
        MeterFactory.Built cached = cache.get(slot);
        if (cached != null && cached.meter().index() == index) {
            return cached;
        }
        MeterFactory.Built drawn = factory.build(index);
        MeterFactory.Built witness = cache.compareAndExchange(slot, cached, drawn);
        return witness != cached && witness != null && witness.meter().index() == index ? witness : drawn;
    }

    /**
     * One read per meter per UTC hour, stamped at the meter's minute of the hour, for read instants in
     * [{@code fromInclusive}, {@code toExclusive}); ordered by meter, then time.
     */
    public Stream<SimulatedRead> reads(Instant fromInclusive, Instant toExclusive) {
        return IntStream.range(0, meterCount).mapToObj(this::built)
                .flatMap(built -> reads(built, fromInclusive, toExclusive));
    }

    /** The reads of one meter with instants in [{@code fromInclusive}, {@code toExclusive}), in time order. */
    public Stream<SimulatedRead> reads(SimulatedMeter meter, Instant fromInclusive, Instant toExclusive) {
        return reads(own(meter), fromInclusive, toExclusive);
    }

    private Stream<SimulatedRead> reads(MeterFactory.Built built, Instant fromInclusive, Instant toExclusive) {
        SimulatedMeter meter = built.meter();
        long minuteSeconds = meter.readMinute() * 60L;
        long firstSlot = ceilDiv(ceilSeconds(fromInclusive) - minuteSeconds, 3_600L);
        long endSlot = Math.max(firstSlot, ceilDiv(ceilSeconds(toExclusive) - minuteSeconds, 3_600L));
        return StreamSupport.stream(new MeterReads(built, firstSlot, endSlot), false);
    }

    /** The read of {@code meter} stamped in the UTC hour that contains {@code anyTimeInHour}. */
    public SimulatedRead read(SimulatedMeter meter, Instant anyTimeInHour) {
        MeterFactory.Built built = own(meter);
        long slot = Math.floorDiv(anyTimeInHour.getEpochSecond(), 3_600L);
        double[] cumulative = new double[24];
        double[] use = new double[24];
        long day = Math.floorDiv(slot, 24L);
        built.model().fillDay(day, rules, cumulative, use);
        int hour = (int) (slot - day * 24);
        return render(built, slot, cumulative[hour], use[hour]);
    }

    /** The drawn meter equal to {@code meter}, with its model; a meter of another utility is refused. */
    private MeterFactory.Built own(SimulatedMeter meter) {
        int index = meter.index();
        MeterFactory.Built built = index < 0 || index >= meterCount ? null : built(index);
        if (built == null || (built.meter() != meter && !built.meter().equals(meter))) {
            throw new IllegalArgumentException("meter " + meter.endpointSn() + " does not belong to this generator");
        }
        return built;
    }

    private SimulatedRead render(MeterFactory.Built built, long slot, double cumulativeUse, double hourUse) {
        SimulatedMeter meter = built.meter();
        ConsumptionModel model = built.model();
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
        private final MeterFactory.Built built;
        private final ConsumptionModel model;
        private final long endSlot;
        private final double[] cumulative = new double[24];
        private final double[] use = new double[24];
        private long slot;
        private long loadedDay = Long.MIN_VALUE;

        MeterReads(MeterFactory.Built built, long firstSlot, long endSlot) {
            super(endSlot - firstSlot, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE
                    | Spliterator.SIZED);
            this.built = built;
            this.model = built.model();
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
            action.accept(render(built, slot, cumulative[hour], use[hour]));
            slot++;
            return true;
        }
    }

    /** {@link #meters()}: draws on read, holds nothing. */
    private final class MeterList extends AbstractList<SimulatedMeter> implements RandomAccess {
        @Override
        public SimulatedMeter get(int index) {
            return meter(index);
        }

        @Override
        public int size() {
            return meterCount;
        }
    }
}
