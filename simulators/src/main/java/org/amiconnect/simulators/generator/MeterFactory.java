package org.amiconnect.simulators.generator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** Draws one meter's attributes and consumption model from its own random stream, independent of the meter count. */
final class MeterFactory {

    /**
     * Serial spaces are walked with prime strides so ids look scattered yet never collide. Accounts and locations
     * have six digits for the first {@value #SIX_DIGIT_IDS} meters and seven after, so the meter serial's 90 M space
     * is not what bounds the count: 9 M meters fit every space.
     */
    static final int MAX_METERS = 9_000_000;
    /** Meters whose account and location ids have six digits. */
    static final int SIX_DIGIT_IDS = 900_000;

    private static final double GALLONS_TO_CF = 0.133680546;
    private static final long FIRST_INSTALL_DAY = LocalDate.of(2005, 1, 1).toEpochDay();
    private static final long LAST_INSTALL_DAY = LocalDate.of(2022, 12, 31).toEpochDay();
    private static final long LAST_ENDPOINT_DAY = LocalDate.of(2023, 6, 30).toEpochDay();

    private record City(String name, String[] zips, double latitude, double longitude) {
    }

    private static final City[] CITIES = {
            new City("FRESNO", new String[]{"93701", "93704", "93705", "93710", "93711", "93720", "93722", "93727"},
                    36.7378, -119.7871),
            new City("CLOVIS", new String[]{"93611", "93612", "93619"}, 36.8252, -119.7029),
            new City("SANGER", new String[]{"93657"}, 36.7080, -119.5560),
            new City("SELMA", new String[]{"93662"}, 36.5708, -119.6121),
            new City("KERMAN", new String[]{"93630"}, 36.7236, -120.0599),
            new City("REEDLEY", new String[]{"93654"}, 36.5963, -119.4504),
    };
    private static final String[] STREETS = {"OLIVE", "SHAW", "HERNDON", "BULLARD", "CEDAR", "MAPLE", "CLINTON",
            "ASHLAN", "SHIELDS", "DAKOTA", "BARSTOW", "MINNEWAWA", "PEACH", "WILLOW", "CHESTNUT", "FOWLER",
            "ARMSTRONG", "TEMPERANCE", "BELMONT", "MCKINLEY", "PALM", "FIRST", "BLACKSTONE", "FRUIT",
            // California street names are not all ASCII: reports must survive their character set
            "CAÑADA", "PEÑASCO"};
    private static final String[] SUFFIXES = {"AVE", "ST", "DR", "LN", "WAY", "CT", "BLVD"};
    private static final String[] DIRECTIONS = {"E. ", "W. ", "N. ", "S. ", ""};

    private final long seed;
    private final ZoneId zone;

    MeterFactory(long seed, ZoneId zone) {
        this.seed = seed;
        this.zone = zone;
    }

    record Built(SimulatedMeter meter, ConsumptionModel model) {
    }

    Built build(int index) {
        SplittableRandom random = new SplittableRandom(Hashing.key(seed, index, 0, 1));
        MeterSizeClass size = MeterSizeClass.pick(random.nextDouble());
        boolean commercial = random.nextDouble() < size.commercialShare;
        String manufacturer = pickManufacturer(random.nextDouble());
        City city = CITIES[random.nextInt(CITIES.length)];

        String account = String.valueOf(sixOrSevenDigits(index, 7_919L, 1));
        if (random.nextDouble() < 0.10) {
            account = account + "-" + twoDigits(random.nextInt(1, 100));
        }
        String address = (100 + random.nextInt(9_900)) + " " + DIRECTIONS[random.nextInt(DIRECTIONS.length)]
                + STREETS[random.nextInt(STREETS.length)] + " " + SUFFIXES[random.nextInt(SUFFIXES.length)];

        long installDay = random.nextLong(FIRST_INSTALL_DAY, LAST_INSTALL_DAY + 1);
        LocalDateTime meterInstall = LocalDate.ofEpochDay(installDay).atTime(random.nextInt(7, 18), random.nextInt(60));
        LocalDateTime endpointInstall = random.nextDouble() < 0.4 ? meterInstall
                : LocalDate.ofEpochDay(random.nextLong(installDay, LAST_ENDPOINT_DAY + 1))
                .atTime(random.nextInt(7, 18), random.nextInt(60));

        VendorUnit registerUnit = pick(random.nextDouble(), 0.65, VendorUnit.CCF, 0.85, VendorUnit.KGAL, VendorUnit.CF);
        VendorUnit flowUnit = pick(random.nextDouble(), 0.50, VendorUnit.GALLONS, 0.85, VendorUnit.CCF, VendorUnit.KGAL);
        String battery = random.nextDouble() < 0.92 ? "good" : "low";
        double signalDraw = random.nextDouble();
        String signal = signalDraw < 0.70 ? "good" : signalDraw < 0.92 ? "marginal" : "poor";
        int readMinute = random.nextDouble() < 0.80 ? 59 : random.nextInt(59);

        double dailyGallons = commercial
                ? uniform(random, Math.max(size.minDailyGallons, 500), Math.max(size.maxDailyGallons, 2_000))
                : uniform(random, size.minDailyGallons, Math.min(size.maxDailyGallons, 600));
        boolean leakProne = random.nextDouble() < 0.03;
        LeakSchedule leaks = LeakSchedule.NONE;
        if (leakProne) {
            long period = 24L * random.nextInt(20, 91);
            long active = Math.round(period * uniform(random, 0.5, 0.85));
            leaks = new LeakSchedule(uniform(random, 2, 12) * GALLONS_TO_CF, period, active, random.nextLong(period));
        }
        long startDay = meterInstall.atZone(zone).toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
        ConsumptionModel model = new ConsumptionModel(seed, index, commercial, dailyGallons * GALLONS_TO_CF,
                uniform(random, 0.05, 0.25), uniform(random, 0, 2 * Math.PI),
                uniform(random, 0.10, 0.30), summerPeakPhase(random),
                startDay, Math.floor(uniform(random, 0, 3_000) * (size.large() ? 10 : 1)), leaks);

        SimulatedMeter meter = new SimulatedMeter(
                index,
                String.valueOf(scattered(index, 100_000_000L, 900_000_000L, 7_919L, 2)),
                String.valueOf(scattered(index, 1_000_000_000L, 9_000_000_000L, 104_729L, 3)),
                String.valueOf(scattered(index, 10_000_000L, 90_000_000L, 15_485_863L, 4)),
                account,
                String.valueOf(sixOrSevenDigits(index, 6_007L, 5)),
                address,
                city.name(),
                "CA",
                city.zips()[random.nextInt(city.zips().length)],
                "US",
                city.latitude() + uniform(random, -0.05, 0.05),
                city.longitude() + uniform(random, -0.05, 0.05),
                manufacturer,
                model(manufacturer, size, random),
                size.description,
                size.inches,
                "INCHES",
                meterInstall,
                endpointInstall,
                registerUnit.label,
                flowUnit.label,
                size.dials,
                DecimalText.decimal(1, registerUnit.registerDecimals),
                battery,
                signal,
                readMinute,
                leakProne,
                leaks.rateCfPerHour(),
                commercial ? "Commercial" : "Residential",
                dailyGallons);
        return new Built(meter, model);
    }

    /** Six digits below {@link #SIX_DIGIT_IDS} meters (as ever), seven above: unique across both spaces. */
    private long sixOrSevenDigits(int index, long stride, int salt) {
        return index < SIX_DIGIT_IDS ? scattered(index, 100_000L, 900_000L, stride, salt)
                : scattered(index - SIX_DIGIT_IDS, 1_000_000L, 9_000_000L, stride, salt);
    }

    /** {@code base + (offset + index*stride) mod modulus}: unique for index < modulus because stride is coprime. */
    private long scattered(int index, long base, long modulus, long stride, int salt) {
        long offset = Math.floorMod(Hashing.key(seed, -1, salt, 2), modulus);
        return base + Math.floorMod(offset + index * stride, modulus);
    }

    /** Phase that puts the seasonal peak in July (day ~200 of the year), give or take a few weeks. */
    private static double summerPeakPhase(SplittableRandom random) {
        double peakDayOfYear = 200 + random.nextInt(-20, 21);
        // sin(2*pi*day/365.25 + phase) has its derivative (= daily use) at maximum where the argument is 0 mod 2*pi
        long epochDayOfPeak = LocalDate.of(2000, 1, 1).plusDays((long) peakDayOfYear).toEpochDay();
        return -2 * Math.PI * epochDayOfPeak / 365.25;
    }

    private static String pickManufacturer(double draw) {
        return draw < 0.85 ? "BADGER" : draw < 0.91 ? "SENSUS" : draw < 0.96 ? "NEPTUNE" : "MUELLER";
    }

    private static String model(String manufacturer, MeterSizeClass size, SplittableRandom random) {
        boolean large = size.large();
        switch (manufacturer) {
            case "BADGER":
                switch (size) {
                    case FIVE_EIGHTHS:
                    case FIVE_EIGHTHS_BY_THREE_QUARTERS:
                        return random.nextBoolean() ? "M25" : "T-10";
                    case THREE_QUARTERS:
                        return "M35";
                    case ONE_INCH:
                        return "M70";
                    case ONE_AND_A_HALF:
                        return "M120";
                    case TWO_INCH:
                        return "M170";
                    default:
                        return "Turbo 1000";
                }
            case "SENSUS":
                return large ? "OMNI T2" : "iPERL";
            case "NEPTUNE":
                return large ? "HP Turbine" : "T-10";
            default:
                return large ? "MVR" : "SSR";
        }
    }

    private static VendorUnit pick(double draw, double firstShare, VendorUnit first, double secondCumulative,
                                   VendorUnit second, VendorUnit third) {
        return draw < firstShare ? first : draw < secondCumulative ? second : third;
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
