import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal is static files that healthchain-vault serves at `/` (scripts/dev.sh), so that it
// calls the vault's API on its own origin.
export default defineConfig({
  plugins: [react()],
  // The chain client and the runtime's descriptors make up most of the bundle.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  // vault/client/vault-client.js lives outside the portal.
  server: { fs: { allow: ['..'] } },
});
