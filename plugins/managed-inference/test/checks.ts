import { spawnSync } from 'node:child_process';

import type { PolicyDocument, PolicyStatement } from '../src/iam.js';

/** Runs shellcheck (the Debian package) on files; returns its findings, empty when clean. */
export function shellcheck(files: readonly string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '--format=gcc', ...files], {
    cwd,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function actionsOf(statement: PolicyStatement): string[] {
  return [statement.Action].flat();
}

export function resourcesOf(statement: PolicyStatement): string[] {
  return statement.Resource === undefined ? [] : [statement.Resource].flat();
}

export function statement(doc: PolicyDocument, sid: string): PolicyStatement {
  const found = doc.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${JSON.stringify(doc)}`);
  return found;
}

// The only actions IAM accepts solely on `*`: they have no resource type.
const RESOURCELESS = new Set(['ecr:GetAuthorizationToken', 'cloudwatch:PutMetricData']);

/** Least-privilege rules every generated policy must keep. */
export function expectLeastPrivilege(doc: PolicyDocument, fail: (message: string) => never): void {
  if (doc.Version !== '2012-10-17') fail('policy version');
  const sids = doc.Statement.map((s) => s.Sid);
  if (new Set(sids).size !== sids.length) fail(`duplicate Sid in ${sids.join(', ')}`);
  for (const s of doc.Statement) {
    if (s.Effect !== 'Allow') fail(`${s.Sid}: effect ${s.Effect}`);
    for (const action of actionsOf(s)) {
      if (!/^[a-z0-9-]+:[A-Za-z]+$/.test(action)) fail(`${s.Sid}: wildcard or malformed action ${action}`);
    }
    const resources = resourcesOf(s);
    if (resources.includes('*')) {
      if (resources.length !== 1 || !actionsOf(s).every((a) => RESOURCELESS.has(a))) {
        fail(`${s.Sid}: Resource "*" for ${actionsOf(s).join(', ')}`);
      }
      if (
        actionsOf(s).includes('cloudwatch:PutMetricData') &&
        !s.Condition?.StringLike?.['cloudwatch:namespace']
      ) {
        fail(`${s.Sid}: PutMetricData without a namespace condition`);
      }
    }
  }
}
