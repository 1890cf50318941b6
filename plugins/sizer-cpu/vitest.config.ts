import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-sizer-cpu', include: ['test/**/*.test.ts'] } });
