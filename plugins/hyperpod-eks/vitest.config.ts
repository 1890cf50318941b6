import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-hyperpod-eks', include: ['test/**/*.test.ts'] } });
