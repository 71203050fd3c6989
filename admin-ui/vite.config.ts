/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA is served by Spring Boot under /admin/ and lands in the jar as static/admin/.
const outDir = fileURLToPath(new URL('../target/classes/static/admin', import.meta.url));

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // No inline scripts/styles from Vite itself: the CSP allows scripts from 'self' only.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // Vendor code changes less often than ours: separate hashed files stay cached across releases.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
          mantine: ['@mantine/core', '@mantine/hooks', '@mantine/notifications'],
          query: ['@tanstack/react-query'],
        },
      },
    },
  },
  server: {
    proxy: {
      // Host is kept (changeOrigin: false) so that the WebSocket Origin check sees a same-origin request.
      '/api': { target: 'http://localhost:8080', changeOrigin: false, ws: true },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
