package org.amiconnect.simulators;

import java.net.URI;

/** A running vendor simulator, started by a {@link SimulatorProvider}. Closing it stops it. */
public interface VendorSimulator extends AutoCloseable {

    /**
     * The base address that replaces the vendor's in the simulated source's settings (its {@code endpoint}), e.g.
     * {@code http://127.0.0.1:41234}.
     */
    URI endpoint();

    @Override
    void close();
}
