import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // `pnpm --filter @localpay/demo-shop exec vite` for UI work: API calls go to a running `pnpm demo`.
  server: { proxy: { '/api': 'http://127.0.0.1:5180', '/sandbox': 'http://127.0.0.1:5180' } },
});
