import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createFakeRegistry } from '@mcc/sdk/testing';

import hook from '../src/hooks/register.js';

// What mcc sees of the plugin before it loads anything: one lazy descriptor, loading a branded value.
test('the register hook declares numpy-linear lazily', async () => {
  const fake = createFakeRegistry();
  await hook({ registry: fake.registry });
  assert.deepEqual(
    fake.entries.map((e) => [e.point, e.descriptor.id]),
    [['server', 'numpy-linear']],
  );
  const loaded = await fake.load('server', 'numpy-linear');
  assert.equal(loaded.kind, 'server');
  assert.equal(loaded.id, 'numpy-linear');
});
