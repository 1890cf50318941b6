import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-serverless', include: ['test/**/*.test.ts'] } });
