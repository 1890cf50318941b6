import type { AwsApi, AwsCall } from '../lifecycle/aws.js';
import type { Clock, Progress } from '../lifecycle/progress.js';
import type { ProjectState, StateStore } from '../lifecycle/state.js';

/** An answer for an operation: a response, an error to throw, or a function of the call. */
export type FakeAnswer =
  Record<string, unknown> | Error | ((call: AwsCall, nth: number) => Record<string, unknown>);

/** An error shaped like the AWS SDK's: `name` is the AWS error code. */
export function awsError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function isStream(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function'
  );
}

// Calls are copied so a verb changing an object later cannot rewrite the record; a streamed body
// cannot be copied and is kept as it is, for the test to read.
function recordable(call: AwsCall): AwsCall {
  const input = Object.fromEntries(
    Object.entries(call.input).map(([key, value]) => [key, isStream(value) ? value : structuredClone(value)]),
  );
  return { ...call, input };
}

/**
 * An `AwsApi` for tests: records every call, answers each operation from a script. `on(op, ...answers)`
 * queues answers used in order (the last one repeats); an operation without answers returns `{}`.
 */
export class FakeAws implements AwsApi {
  readonly calls: AwsCall[] = [];
  private readonly script = new Map<string, FakeAnswer[]>();
  private readonly counts = new Map<string, number>();

  constructor(readonly region = 'us-east-1') {}

  on(operation: string, ...answers: FakeAnswer[]): this {
    this.script.set(operation, answers);
    return this;
  }

  async call<O>(call: AwsCall): Promise<O> {
    this.calls.push(recordable(call));
    const nth = this.counts.get(call.operation) ?? 0;
    this.counts.set(call.operation, nth + 1);
    const answers = this.script.get(call.operation) ?? [];
    const answer = answers[Math.min(nth, answers.length - 1)] ?? {};
    if (answer instanceof Error) throw answer;
    return (typeof answer === 'function' ? answer(call, nth) : structuredClone(answer)) as O;
  }

  /** Operation names in call order. */
  operations(): string[] {
    return this.calls.map((c) => c.operation);
  }

  /** The input of the only (or the `nth`) call of an operation; throws when there is none. */
  input(operation: string, nth = 0): Record<string, unknown> {
    const found = this.calls.filter((c) => c.operation === operation)[nth];
    if (!found) throw new Error(`no call ${nth + 1} of ${operation}; calls: ${this.operations().join(', ')}`);
    return found.input as Record<string, unknown>;
  }
}

/** A clock whose sleeps return at once and advance its time. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** Progress kept as lines. */
export class RecordedProgress implements Progress {
  readonly lines: string[] = [];

  step(message: string): void {
    this.lines.push(`step: ${message}`);
  }

  waiting(message: string, elapsedMs: number): void {
    this.lines.push(`waiting: ${message} (${elapsedMs} ms)`);
  }

  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
}

/** `.mcc/state.json` in memory. */
export class MemoryState implements StateStore {
  writes = 0;

  constructor(private state: ProjectState = { schema: 1, targets: {} }) {}

  read(): ProjectState {
    return structuredClone(this.state);
  }

  write(state: ProjectState): void {
    this.writes++;
    this.state = structuredClone(state);
  }
}
