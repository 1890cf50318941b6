import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-batch', include: ['test/**/*.test.ts'] } });
