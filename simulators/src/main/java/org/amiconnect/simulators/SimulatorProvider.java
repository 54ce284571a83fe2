package org.amiconnect.simulators;

/**
 * A vendor simulator that can stand in for a configured source ({@code simulate:} in config.yaml). Providers are found
 * with {@link java.util.ServiceLoader} (listed in {@code META-INF/services/org.amiconnect.simulators.SimulatorProvider}),
 * as vendor adapters are, so adding a vendor's simulator changes no code that starts simulators.
 *
 * <p>A simulator implements the vendor's protocol from the vendor's documentation, never from the adapter's client
 * code: sharing the client's code would make the simulator agree with the client's mistakes and test nothing.
 */
public interface SimulatorProvider {

    /** The config.yaml source {@code type} this simulates, e.g. {@code beacon_360}: the vendor adapter's type. */
    String type();

    /**
     * Starts a simulator on loopback that serves {@code source}'s utility and accepts its credentials.
     *
     * @return the running simulator; the caller closes it
     * @throws IllegalArgumentException when a credential the vendor's protocol needs is missing from
     *     {@link SimulatedSource#credentials()}
     */
    VendorSimulator start(SimulatedSource source);
}
