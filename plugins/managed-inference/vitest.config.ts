import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-managed-inference', include: ['test/**/*.test.ts'] } });
