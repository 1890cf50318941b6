import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { AWS_SERVICES } from '../../lifecycle/aws.js';
import type { PlannedCall } from '../../lifecycle/plan.js';
import type { DeployOptions, TargetLifecycle } from '../../lifecycle/verbs.js';
import type { ProjectInput } from '../../project.js';
import type { RenderedFile } from '../../render.js';
import { MemoryState } from '../fake-aws.js';
import { withoutNetwork } from './network-guard.js';
import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';
import { firstDifference, sameSnapshot, snapshot } from './snapshot.js';

/** The deploy options of a plain `mcc deploy --plan`: nothing given but the default timeout. */
export const PLAN_OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800 };

function stepProblems(plan: readonly PlannedCall[], scenario: string): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  plan.forEach((step, index) => {
    const where = `plan step ${index + 1} (${scenario})`;
    if (typeof step.purpose !== 'string' || step.purpose.trim() === '') {
      problems.push(problem('pure-plan', `${where} has no purpose saying what it is for.`));
    }
    if ('kind' in step && step.kind === 'kube') {
      if (typeof step.path !== 'string' || !step.path.startsWith('/')) {
        problems.push(problem('pure-plan', `${where} is a Kubernetes request without an API path.`));
      }
    } else if (!(AWS_SERVICES as readonly string[]).includes(step.service) || !step.operation) {
      problems.push(problem('pure-plan', `${where} names no known AWS service and operation.`));
    }
  });
  if (/\bundefined\b|\bNaN\b|\[object Object\]/.test(JSON.stringify(plan) ?? '')) {
    problems.push(problem('pure-plan', `The plan (${scenario}) carries an unrendered value.`));
  }
  return problems;
}

/**
 * Holds `planDeploy` to its contract: it makes no call (the network is closed while it runs, and
 * any attempt is reported even if the plan caught the error), writes no state, leaves the project
 * input alone, answers synchronously and the same twice, and every step says what it is for. The
 * project's rendered files are written to a temporary folder first, as `mcc deploy --plan` finds
 * them.
 */
export async function checkPlan(
  lifecycle: TargetLifecycle,
  input: ProjectInput,
  files: readonly RenderedFile[],
  scenario: string,
): Promise<ConformanceProblem[]> {
  const planDeploy = lifecycle.planDeploy;
  if (!planDeploy) return [];
  const dir = await mkdtemp(join(tmpdir(), 'mcc-conformance-plan-'));
  try {
    for (const file of files) {
      const full = join(dir, file.path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, file.content);
      await chmod(full, file.mode);
    }
    const project = { dir, input };
    const before = snapshot(input);
    const state = new MemoryState();
    const plans: unknown[] = [];
    const guarded = await withoutNetwork(() => {
      plans.push(planDeploy.call(lifecycle, project, state, { ...PLAN_OPTIONS }));
      plans.push(planDeploy.call(lifecycle, project, state, { ...PLAN_OPTIONS }));
    });
    const problems: ConformanceProblem[] = [];
    for (const attempt of guarded.attempts) {
      problems.push(
        problem(
          'pure-plan',
          `planDeploy tried to reach the network (${attempt.kind} to ${attempt.target}) (${scenario}).`,
        ),
      );
    }
    if (guarded.error !== undefined) {
      problems.push(problem('pure-plan', `planDeploy threw (${scenario}): ${String(guarded.error)}`));
      return problems;
    }
    if (state.writes > 0)
      problems.push(problem('pure-plan', `planDeploy wrote .mcc/state.json (${scenario}).`));
    const after = snapshot(input);
    if (!sameSnapshot(before, after)) {
      problems.push(
        problem(
          'pure-plan',
          `planDeploy changed the project input at ${firstDifference(before, after)} (${scenario}).`,
        ),
      );
    }
    const [first, second] = plans;
    if (!Array.isArray(first)) {
      problems.push(
        problem(
          'pure-plan',
          `planDeploy returned ${typeof first === 'object' && first !== null && 'then' in first ? 'a promise' : typeof first}, not the list of planned calls (${scenario}).`,
        ),
      );
      return problems;
    }
    if (!sameSnapshot(first, second)) {
      problems.push(
        problem(
          'pure-plan',
          `planDeploy answered differently twice, at ${firstDifference(first, second)} (${scenario}).`,
        ),
      );
    }
    problems.push(...stepProblems(first as PlannedCall[], scenario));
    return problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
