/** Copilot Gateway: see DESIGN.md and docs/ARCHITECTURE.md for the request path. */
package dev.copilotgateway;
