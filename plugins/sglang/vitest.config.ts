import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-sglang', include: ['test/**/*.test.ts'] } });
