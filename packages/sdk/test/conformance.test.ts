import { describe, expect, it } from 'vitest';

import {
  checkModelSourceConformance,
  checkServerConformance,
  checkSizerConformance,
  checkTargetConformance,
} from '../src/testing/index.js';
import type { ConformanceProblem } from '../src/testing/index.js';
import * as servers from './fixtures/servers.js';
import * as sizers from './fixtures/sizers.js';
import * as sources from './fixtures/sources.js';
import * as targets from './fixtures/targets.js';

/** The rules a list of problems breaks, each once, for assertions that do not depend on wording. */
function rules(problems: readonly ConformanceProblem[]): string[] {
  return [...new Set(problems.map((p) => p.rule))].sort();
}

// Every check below must report its rule for the broken fixture, and only the rules it breaks, so
// the kit neither misses a problem nor blames a plugin for another's.
describe('the conformance kit on servers', () => {
  it('passes a server that follows every rule', async () => {
    expect(await checkServerConformance(servers.goodServer, { shellcheck: 'require' })).toEqual([]);
  });

  it.each([
    ['a template printing undefined', servers.printsUndefined, 'no-leftovers'],
    ['a template printing NaN', servers.printsNaN, 'no-leftovers'],
    ['a template printing an object', servers.printsObject, 'no-leftovers'],
    ['a template shipped without .ejs', servers.rawTag, 'no-leftovers'],
    ['an optional file rendered blank instead of declared', servers.blankOptional, 'declared-files'],
    ['a file rule for a missing template', servers.ruleWithoutTemplate, 'declared-files'],
    ['an optional file without its condition', servers.ruleWithoutCondition, 'declared-files'],
    ['a file core writes (README.md)', servers.emitsCoreFile, 'declared-files'],
    ['a shell script shellcheck rejects', servers.badShell, 'shellcheck'],
    ['a Dockerfile without ARG BASE_IMAGE', servers.noBaseImageArg, 'dockerfile'],
    ['a sample payload never generated', servers.missingPayload, 'sample-payloads'],
    ['a context that mutates its input', servers.mutatesInput, 'pure-context'],
    ['a context that answers differently twice', servers.notDeterministic, 'pure-context'],
    ['a context that throws a bug', servers.contextThrows, 'renders'],
    ['a source none of whose models renders', servers.refusesHub, 'renders'],
    ['the sample source without a sample model', servers.sampleWithoutModel, 'minimal-inputs'],
    ['a required option without a default', servers.requiredOption, 'minimal-inputs'],
    ['a server built without defineServer', servers.unbranded, 'identity'],
  ])('catches %s', async (_name, server, rule) => {
    const problems = await checkServerConformance(server, { shellcheck: 'require' });
    expect(rules(problems)).toEqual([rule]);
  });

  it('names the file and the scenario of a leftover', async () => {
    const [first] = await checkServerConformance(servers.printsUndefined);
    expect(first).toEqual({
      rule: 'no-leftovers',
      file: 'settings.txt',
      message: expect.stringMatching(
        /^settings\.txt line 1 contains `undefined` \(local\/bin, default options\)\.$/,
      ),
    });
  });

  it('renders the option sets it is given, and takes the values a required option needs', async () => {
    expect(
      await checkServerConformance(servers.requiredOption, { optionValues: { 'token-file': '/run/token' } }),
    ).toEqual([]);
    const problems = await checkServerConformance(servers.goodServer, {
      optionSets: [{ workers: Number.NaN }],
    });
    expect(problems.some((p) => p.rule === 'no-leftovers' && p.message.includes('workers=NaN'))).toBe(false);
  });

  it('notes the combinations a server refuses with a usage error', async () => {
    const notes: string[] = [];
    await checkServerConformance(servers.refusesHub, { onNote: (n) => notes.push(n) });
    expect(notes).toContain('fixture refused huggingface/checkpoint, default options: no hub models here');
  });

  it('skips shellcheck when it is not installed, as a note, or reports it when required', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const notes: string[] = [];
      expect(await checkServerConformance(servers.badShell, { onNote: (n) => notes.push(n) })).toEqual([]);
      expect(notes.some((n) => n.startsWith('shellcheck is not installed'))).toBe(true);
      expect(rules(await checkServerConformance(servers.badShell, { shellcheck: 'require' }))).toEqual([
        'shellcheck',
      ]);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('the conformance kit on targets', () => {
  it('passes a target that follows every rule', async () => {
    expect(
      await checkTargetConformance(targets.goodTarget, { shellcheck: 'require', requirePlan: true }),
    ).toEqual([]);
  });

  it.each([
    ['a plan that fetches (and swallows the failure)', targets.planFetches, 'pure-plan'],
    ['a plan that opens a socket to AWS', targets.planConnects, 'pure-plan'],
    ['a plan that writes the state', targets.planWritesState, 'pure-plan'],
    ['a plan that returns a promise', targets.planIsAsync, 'pure-plan'],
    ['a plan that answers differently twice', targets.planNotDeterministic, 'pure-plan'],
    ['a plan step without purpose or service', targets.planUnexplained, 'pure-plan'],
    ['a do/ script shellcheck rejects', targets.targetBadShell, 'shellcheck'],
    [
      'a do/ script generated without the executable bit',
      targets.targetScriptNotExecutable,
      'executable-scripts',
    ],
    ['a template printing undefined', targets.targetPrintsUndefined, 'no-leftovers'],
  ])('catches %s', async (_name, target, rule) => {
    expect(rules(await checkTargetConformance(target, { shellcheck: 'require' }))).toEqual([rule]);
  });

  it('names what a plan tried to reach', async () => {
    const problems = await checkTargetConformance(targets.planFetches);
    expect(problems[0]?.message).toContain('fetch to https://sts.us-east-1.amazonaws.com/');
  });

  it('reports a missing plan only when asked to', async () => {
    const planless = { ...targets.goodTarget, lifecycle: async () => ({}) };
    expect(await checkTargetConformance(planless)).toEqual([]);
    expect(rules(await checkTargetConformance(planless, { requirePlan: true }))).toEqual(['pure-plan']);
  });
});

describe('the conformance kit on sizers', () => {
  it('passes a sizer that follows every rule', async () => {
    expect(await checkSizerConformance(sizers.goodSizer)).toEqual([]);
  });

  it.each([
    ['recommendations out of the claimed order', sizers.unsortedSizer, ['sorted']],
    ['an instance too small for its estimate', sizers.infeasibleSizer, ['feasible']],
    ['the same instance twice', sizers.duplicateSizer, ['no-duplicates']],
    ['an instance the catalog does not have', sizers.offCatalogSizer, ['catalog']],
    ['answers that change between calls', sizers.nondeterministicSizer, ['deterministic']],
    ['a request changed while sizing it', sizers.mutatingSizer, ['deterministic']],
    ['nothing for a model that fits', sizers.emptySizer, ['recommends']],
    ['an error that is not a usage error', sizers.throwingSizer, ['recommends']],
    ['a reason nobody can read', sizers.unexplainedSizer, ['explained']],
  ])('catches %s', async (_name, sizer, expected) => {
    expect(rules(await checkSizerConformance(sizer))).toEqual(expected);
  });

  it('holds a sizer to the order it claims, not to price', async () => {
    const byMemory = (a: { memoryGiB: number }, b: { memoryGiB: number }): number =>
      a.memoryGiB - b.memoryGiB;
    expect(rules(await checkSizerConformance(sizers.goodSizer, { order: byMemory }))).toEqual(['sorted']);
  });
});

describe('the conformance kit on model sources', () => {
  const locations = { validLocations: ['org/model'], invalidLocations: ['not a model id'] };

  it('passes a source that follows every rule', async () => {
    expect(await checkModelSourceConformance(sources.goodSource, locations)).toEqual([]);
  });

  it.each([
    ['a fetch while offline (even one it swallows)', sources.fetchesOffline, ['offline']],
    ['an AWS call while offline', sources.callsAwsOffline, ['offline']],
    ['a plain Error for a bad location', sources.plainErrors, ['usage-errors']],
    ['exit code 1 for a bad location', sources.wrongExitCode, ['usage-errors']],
    ['a usage error that does not name the value', sources.vagueErrors, ['usage-errors']],
    ['a bad location accepted', sources.acceptsAnything, ['usage-errors']],
    ['a resolved model core cannot use', sources.malformedResult, ['resolved-model']],
  ])('catches %s', async (_name, source, expected) => {
    expect(rules(await checkModelSourceConformance(source, locations))).toEqual(expected);
  });

  it('tries a value no source accepts when given no invalid locations', async () => {
    const problems = await checkModelSourceConformance(sources.acceptsAnything, {
      validLocations: ['org/model'],
    });
    expect(problems.map((p) => p.message)).toContain(
      'fixture-hub "::no such model:: <?>" was accepted; it should be refused with a usage error.',
    );
  });
});
