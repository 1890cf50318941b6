import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'plugin-huggingface', include: ['test/**/*.test.ts'] } });
