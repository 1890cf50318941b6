import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-lmi', include: ['test/**/*.test.ts'] } });
