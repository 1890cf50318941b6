import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-triton', include: ['test/**/*.test.ts'] } });
