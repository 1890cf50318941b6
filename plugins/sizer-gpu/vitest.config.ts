import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-sizer-gpu', include: ['test/**/*.test.ts'] } });
