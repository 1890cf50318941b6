import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-async', include: ['test/**/*.test.ts'] } });
