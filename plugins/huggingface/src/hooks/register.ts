import { defineRegisterHook } from '@mcc/sdk';

// Registers nothing yet: the plugin is being written (issue 5).
export default defineRegisterHook(() => undefined);
