/**
 * Vendor adapters, one package per vendor, each with the same skeleton: {@code <Vendor>Adapter} (the plug-in entry
 * point), {@code <Vendor>Settings} (config and secrets), {@code <Vendor>Client} (the vendor protocol),
 * {@code <Vendor>RawRecords} (vendor rows → raw Avro records), {@code <Vendor>Extractor} (client + raw records) and
 * {@code <Vendor>Normalizer} (raw records → the standard model).
 */
package org.amiconnect.adapters;
