/**
 * A fake GitHub / Copilot upstream for tests and benchmarks: {@link dev.copilotgateway.fakeupstream.FakeCopilotUpstream}
 * serves the device flow, the GitHub API and the Copilot API of {@code shared/spec/UPSTREAM.md} on 127.0.0.1, with
 * scripted replies, fault injection and request recording. Nothing here talks to GitHub.
 */
package dev.copilotgateway.fakeupstream;
