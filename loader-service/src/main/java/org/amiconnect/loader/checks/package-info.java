/**
 * Data-quality checks of a warehouse sink (the predecessor's §4.6): one current meter row per device, one reading per
 * device and flowtime, and days with missing readings per org. {@link org.amiconnect.loader.checks.CheckRunner} runs
 * them and reports failures (log, counters, notification hook); {@link org.amiconnect.loader.checks.CheckScheduler}
 * runs them on a sink's schedule while the loader runs.
 */
package org.amiconnect.loader.checks;
