import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

// Bundled for Electron: the main process as ESM (dist/electron/main.js) and the
// preload as one CommonJS file (dist/electron/preload.cjs), since a sandboxed
// preload can require nothing but Electron's own modules. Electron, the native
// DuckDB binding and Node's built-ins stay external; everything else (zod, our
// code) is bundled so the preload stands alone.
const external = [
  'electron',
  /^@duckdb\//,
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

function electronBundle(entry: string, format: 'es' | 'cjs', fileName: string): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external: true },
    build: {
      outDir: 'dist/electron',
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      ssr: entry,
      rolldownOptions: {
        external,
        output: { format, entryFileNames: fileName, codeSplitting: false },
      },
    },
  };
}

export default defineConfig({
  builder: {
    // Only the two Electron bundles; the renderer has its own config (vite.config.ts).
    async buildApp(builder) {
      await builder.build(builder.environments.main!);
      await builder.build(builder.environments.preload!);
    },
  },
  environments: {
    main: electronBundle('electron/main/index.ts', 'es', 'main.js'),
    preload: electronBundle('electron/preload/index.ts', 'cjs', 'preload.cjs'),
  },
});
