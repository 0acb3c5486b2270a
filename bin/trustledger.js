#!/usr/bin/env node
// Runs the TypeScript CLI directly: Node 24 strips the types, no build step.
await import("../src/cli/main.ts");
