// Vite build of the web client: `npm run build:web` writes web/dist, which the
// API serves at `/` (api/middleware/static-web.ts).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or styles: the page's CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Screens are loaded when first opened (routes.tsx: React.lazy). What every screen needs comes in a few
        // chunks by library, fetched side by side and kept by the browser's cache across releases of the app's
        // own code; the chart library comes only with the first chart (the queue's histogram, the dashboard).
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/ },
            { name: "intl", test: /node_modules[\\/](react-intl|@formatjs|intl-messageformat)[\\/]/ },
            { name: "data", test: /node_modules[\\/](react-router|@tanstack[\\/]react-query|@tanstack[\\/]query-core)[\\/]/ },
            { name: "charts", test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|es-toolkit|immer|reselect|@reduxjs|redux|react-redux|decimal\.js-light|eventemitter3|tiny-invariant)[\\/]/ },
            { name: "messages", test: /[\\/]web[\\/]src[\\/]messages[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { "/v1": "http://127.0.0.1:3000" } },
});
