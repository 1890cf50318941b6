import { defineConfig } from 'vitest/config';

// One run over every package; each package also runs alone through turbo (`pnpm -F <pkg> test`).
export default defineConfig({
  test: {
    projects: ['packages/*', 'plugins/*'],
  },
});
