/**
 * Load-finished events: {@link org.amiconnect.loader.events.LoadEventTracker} tells downstream consumers, through
 * {@code ami.control.load-events}, when every record of an extract run is in a warehouse sink.
 */
package org.amiconnect.loader.events;
