package org.amiconnect.simulators.generator;

/**
 * Recurring leak windows: in every cycle of {@code periodHours} the leak runs for {@code activeHours} at a constant
 * rate, then is fixed until the next cycle. Accumulated leak volume is closed form (full cycles + partial cycle).
 */
record LeakSchedule(double rateCfPerHour, long periodHours, long activeHours, long phaseHours) {

    static final LeakSchedule NONE = new LeakSchedule(0, 1, 0, 0);

    boolean exists() {
        return activeHours > 0 && rateCfPerHour > 0;
    }

    /** True when the leak runs during hour {@code slot} (and the meter was installed before it). */
    boolean activeIn(long slot, long firstSlot) {
        return exists() && slot >= firstSlot && Math.floorMod(slot + phaseHours, periodHours) < activeHours;
    }

    /** First hour of the leak window containing {@code slot}; only meaningful when {@link #activeIn} is true. */
    long windowStart(long slot, long firstSlot) {
        return Math.max(firstSlot, slot - Math.floorMod(slot + phaseHours, periodHours));
    }

    double flowIn(long slot, long firstSlot) {
        return activeIn(slot, firstSlot) ? rateCfPerHour : 0.0;
    }

    /** Leak volume from {@code firstSlot} through the end of hour {@code slot}. */
    double volumeThrough(long slot, long firstSlot) {
        if (!exists() || slot < firstSlot) {
            return 0.0;
        }
        return rateCfPerHour * (activeHoursThrough(slot) - activeHoursThrough(firstSlot - 1));
    }

    private long activeHoursThrough(long slot) {
        long shifted = slot + phaseHours;
        long cycles = Math.floorDiv(shifted, periodHours);
        long intoCycle = Math.floorMod(shifted, periodHours);
        return cycles * activeHours + Math.min(intoCycle + 1, activeHours);
    }
}
