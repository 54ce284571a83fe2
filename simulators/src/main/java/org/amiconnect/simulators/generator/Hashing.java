package org.amiconnect.simulators.generator;

/**
 * Stateless hashing so that every simulated value is a pure function of (seed, meter, position):
 * overlapping requests must see identical data without iterating from an epoch.
 */
final class Hashing {

    private Hashing() {
    }

    /** SplitMix64 finalizer: a fast, well-distributed 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long key(long seed, long meterIndex, long position, int salt) {
        long h = mix(seed + 0x9E3779B97F4A7C15L * (salt + 1L));
        h = mix(h ^ (meterIndex * 0xC2B2AE3D27D4EB4FL));
        return mix(h ^ (position * 0x165667B19E3779F9L));
    }

    /** Uniform double in [0, 1) from (seed, meter, position, salt). */
    static double unit(long seed, long meterIndex, long position, int salt) {
        return (key(seed, meterIndex, position, salt) >>> 11) * 0x1.0p-53;
    }
}
