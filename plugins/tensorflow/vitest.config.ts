import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-tensorflow', include: ['test/**/*.test.ts'] } });
