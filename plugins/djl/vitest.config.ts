import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-djl', include: ['test/**/*.test.ts'] } });
