import type { ExtensionPointId, ExtensionPoints } from '../points.js';
import type { Descriptor, Registry } from '../registry.js';

/** One `registry.add` call a plugin's hook made. */
export interface FakeRegistryEntry {
  point: ExtensionPointId;
  descriptor: Descriptor<ExtensionPointId>;
}

/** A registry that records what a plugin's hook adds, for the plugin's own tests. */
export function createFakeRegistry(): {
  registry: Registry;
  entries: FakeRegistryEntry[];
  load<P extends ExtensionPointId>(point: P, id: string): Promise<ExtensionPoints[P]>;
} {
  const entries: FakeRegistryEntry[] = [];
  return {
    entries,
    registry: {
      add(point, descriptor) {
        entries.push({ point, descriptor: descriptor as unknown as Descriptor<ExtensionPointId> });
      },
    },
    async load(point, id) {
      const entry = entries.find((e) => e.point === point && e.descriptor.id === id);
      if (!entry) throw new Error(`nothing registered as ${point} "${id}"`);
      return (await entry.descriptor.load()) as ExtensionPoints[typeof point];
    },
  };
}

export { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from './fake-aws.js';
export type { FakeAnswer } from './fake-aws.js';
export * from './conformance/index.js';
