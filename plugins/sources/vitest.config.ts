import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-sources', include: ['test/**/*.test.ts'] } });
