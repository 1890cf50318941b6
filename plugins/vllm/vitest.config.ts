import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-vllm', include: ['test/**/*.test.ts'] } });
