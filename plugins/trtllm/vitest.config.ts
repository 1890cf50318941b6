import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-trtllm', include: ['test/**/*.test.ts'] } });
