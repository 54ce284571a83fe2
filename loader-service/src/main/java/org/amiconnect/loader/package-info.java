/**
 * The loader service: consumes the normalized topics ({@code ami.meters}, {@code ami.meter-reads}) and the raw vendor
 * topics and writes them to one warehouse sink in micro-batches, each batch one transaction together with the
 * consumed offsets ({@link org.amiconnect.loader.LoaderService}).
 */
package org.amiconnect.loader;
