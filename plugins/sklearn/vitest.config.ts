import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-sklearn', include: ['test/**/*.test.ts'] } });
