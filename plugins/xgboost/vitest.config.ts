import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-xgboost', include: ['test/**/*.test.ts'] } });
