import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The browser app: built into dist/web, which the server serves at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, "../dist/web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: their own files stay cached across releases.
        // zod-config.ts is its own chunk: inlined into the entry it would run after every chunk the
        // entry imports, and schemas built at module load there would already have probed for eval.
        manualChunks: (id) =>
          id.endsWith("/web/src/zod-config.ts")
            ? "zod-config"
            : id.includes("/node_modules/@mantine/") || id.includes("/node_modules/@floating-ui/")
              ? "mantine"
              : id.includes("/node_modules/react") || id.includes("/node_modules/scheduler/")
                ? "react"
                : id.includes("/node_modules/@tanstack/")
                  ? "tanstack"
                  : id.includes("/node_modules/")
                    ? "vendor"
                    : undefined,
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/healthz": "http://127.0.0.1:3000",
      "/readyz": "http://127.0.0.1:3000",
    },
  },
});
