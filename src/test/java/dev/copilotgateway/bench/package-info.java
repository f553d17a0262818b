/**
 * The JVM side of the load benchmark ({@code bench/run.sh}, {@code docs/PERFORMANCE.md}): {@link
 * dev.copilotgateway.bench.TtfbProbe} measures the time to the first byte of streams, direct and through the
 * gateway; {@link dev.copilotgateway.bench.StreamCeiling} opens thousands of simultaneous slow streams and counts the
 * correct ones while {@link dev.copilotgateway.bench.ProcessSampler} watches the gateway's memory. These are
 * programs run by the benchmark script with the test classpath, not tests.
 */
package dev.copilotgateway.bench;
