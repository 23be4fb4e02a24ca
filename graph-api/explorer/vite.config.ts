// The explorer's build: one script and one stylesheet with fixed names under /explore/assets/,
// which the kgraph binary embeds (graph-api/src/explorer.rs names them). Fixed names rather
// than content hashes keep that list constant; the server sends them with `no-cache`.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/explore/',
  build: {
    outDir: '../assets/explorer',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No preload polyfill and no split chunks: the page loads exactly two files.
    modulePreload: false,
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/explorer.js',
        assetFileNames: 'assets/explorer[extname]',
        inlineDynamicImports: true,
      },
    },
  },
});
