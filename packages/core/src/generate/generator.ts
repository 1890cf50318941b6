import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, posix, relative, resolve, sep } from 'node:path';

import { inject, injectable } from 'tsyringe';
import { isMcError, listOf, usageError } from '@mcc/sdk';
import type { McError } from '@mcc/sdk';
import type {
  AwsApi,
  InstanceCatalog,
  ModelSource,
  OptionValues,
  ProjectInput,
  ProjectInstance,
  ProjectModel,
  ProjectSizing,
  Recommendation,
  ResolvedModel,
  Server,
  Sizer,
  SizingRequest,
  Workload,
} from '@mcc/sdk';

import { deriveInstance } from '../catalog/derive-instance.js';
import { isRealtimeInstanceType, suggestInstanceTypes } from '../catalog/realtime-types.js';
import { loadLayers, pickOptions, pickSetting } from '../config/layers.js';
import { resolveOptions } from '../config/parse-options.js';
import { SETTING_KEYS } from '../config/settings.js';
import type { ResolvedValue, SettingKey } from '../config/settings.js';
import type { Logger } from '../logger.js';
import type { Prompter } from '../prompter.js';
import { isNonEmptyDir, writeProjectAtomically } from '../project/write-project.js';
import type { ContributionRegistry } from '../registry/contribution-registry.js';
import { TOKENS } from '../tokens.js';
import { defaultBaseImage } from './base-image.js';
import { renderProject } from './render-project.js';
import { serverForOptions } from './server-for-options.js';
import { sizerFor } from './sizer-for.js';
import { tooLargeError } from './too-large.js';
import type { GenerateRequest, GenerateResult } from './request.js';
import { defaultProjectName, validateBaseImage, validateProjectName, validateRegion } from './validate.js';

const DEFAULTS = {
  server: 'sklearn',
  /** Offered first when the model source is one only LLM servers take (the Hub, S3). */
  llmServer: 'vllm',
  modelSource: 'sample',
  target: 'managed-inference',
  region: 'us-east-1',
} as const;
const PROJECT_VERSION = '0.1.0';

type Settings = Partial<Record<SettingKey, ResolvedValue>>;

/** The project paths of a copied model: the file itself, or every file of a directory. */
function copiedFiles(from: string, to: string): string[] {
  if (!statSync(from).isDirectory()) return [to];
  return readdirSync(from, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix.join(to, relative(from, join(entry.parentPath, entry.name)).split(sep).join('/')));
}

/** A validator for a prompt: the check's message asks again instead of ending the run. */
function inline(check: (value: string) => void): (value: string) => string | true {
  return (value) => {
    try {
      check(value.trim());
      return true;
    } catch (error) {
      return (error as Error).message;
    }
  };
}

/**
 * `mcc generate`: resolves every setting (flags, environment, config files, plugin defaults, then
 * prompts), loads only the plugins the project uses, sizes the instance, renders and writes the
 * project atomically. With `interactive` false it never asks: every missing value is collected and
 * reported in one error.
 */
@injectable()
export class Generator {
  constructor(
    @inject(TOKENS.Registry) private readonly registry: ContributionRegistry,
    @inject(TOKENS.Catalog) private readonly catalog: InstanceCatalog,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Prompter) private readonly prompter: Prompter,
  ) {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const layers = await loadLayers(request);
    const settings: Settings = {};
    for (const key of SETTING_KEYS) {
      const hit = pickSetting(layers, key);
      if (hit) settings[key] = hit;
    }
    const missing: string[] = [];

    // Phase 1: the model.
    this.logger.step('Model');
    if (!settings.modelSource) {
      settings.modelSource = settings.model
        ? { value: 'local', source: 'derived', origin: settings.model.origin }
        : await this.choose(request, 'Where does the model come from?', 'model-source', DEFAULTS.modelSource);
    }
    const sourceEntry = this.registry.get('model-source', settings.modelSource.value);
    const source = await this.registry.load('model-source', sourceEntry.id);
    let promptedModel: ResolvedModel | undefined;
    if (source.needsLocation && !settings.model) {
      if (request.interactive) {
        [settings.model, promptedModel] = await this.askModel(request, source, settings);
      } else {
        missing.push(
          `--model: model source "${source.id}" needs ${source.locationHint ?? 'a model location'}`,
        );
      }
    }

    // Phase 2: serving.
    this.logger.step('Serving');
    if (!settings.server) {
      settings.server = await this.choose(
        request,
        'Which serving stack?',
        'server',
        [DEFAULTS.server, DEFAULTS.llmServer],
        request.interactive ? await this.serversFor(source.id) : undefined,
      );
    }
    const serverEntry = this.registry.get('server', settings.server.value);
    // Replaced by its options' and model's view once they are resolved (see serverForOptions).
    let server = await this.registry.load('server', serverEntry.id);
    if (!server.sources.includes(source.id)) {
      throw usageError(
        'SOURCE_NOT_SUPPORTED',
        `Server "${server.id}" does not take models from "${source.id}". It accepts: ${listOf([...server.sources])}.`,
      );
    }
    if (settings.http && server.httpLayers.length === 0) {
      throw usageError(
        'HTTP_NOT_SUPPORTED',
        `--http "${settings.http.value}" was given, but server "${server.id}" has no HTTP layer to choose: it serves HTTP itself.`,
      );
    }
    if (!settings.http && server.httpLayers.length > 0 && request.interactive) {
      settings.http = {
        value: await this.prompter.select(
          'Which HTTP layer?',
          server.httpLayers.map((h) => ({ value: h, name: h })),
          server.defaultHttp,
        ),
        source: 'prompt',
      };
    }
    if (!settings.http && server.defaultHttp)
      settings.http = { value: server.defaultHttp, source: 'default', origin: server.id };
    if (settings.http && !server.httpLayers.includes(settings.http.value)) {
      throw usageError(
        'INVALID_HTTP',
        `--http "${settings.http.value}" (from ${settings.http.origin ?? settings.http.source}) is not offered by server "${server.id}". Accepted: ${listOf([...server.httpLayers])}.`,
      );
    }

    // Phase 3: infrastructure.
    this.logger.step('Infrastructure');
    if (!settings.target) {
      settings.target = await this.choose(
        request,
        'Where will it be deployed?',
        'target',
        DEFAULTS.target,
        request.interactive ? await this.targetsFor(source.id) : undefined,
      );
    }
    const targetEntry = this.registry.get('target', settings.target.value);
    const target = await this.registry.load('target', targetEntry.id);
    if (target.sources && !target.sources.includes(source.id)) {
      throw usageError(
        'SOURCE_NOT_SUPPORTED',
        `Target "${target.id}" does not deploy models from "${source.id}". It deploys models from ${listOf([...target.sources])}.`,
        [`Choose another target with --target, or a model from ${listOf([...target.sources])}.`],
      );
    }
    const options = resolveOptions(
      [
        { role: 'server', id: server.id, specs: server.options },
        { role: 'target', id: target.id, specs: target.options },
      ],
      pickOptions(layers),
    );
    missing.push(...options.missing);

    let model: ProjectModel | undefined;
    let resolvedModel: ResolvedModel | undefined;
    if (promptedModel) {
      resolvedModel = promptedModel;
      model = await this.modelFormat(request, server, resolvedModel, settings, missing);
    } else if (!source.needsLocation || settings.model) {
      resolvedModel = await source.resolve({
        location: settings.model?.value,
        cwd: request.cwd,
        offline: request.offline,
        aws: () => this.sourceAws(request, settings),
      });
      model = await this.modelFormat(request, server, resolvedModel, settings, missing);
    }
    // Options and model may decide what the server runs on (Triton: trees on a CPU, LLMs on a GPU).
    server = serverForOptions(server, {
      options: options.values.server ?? {},
      ...(model ? { model: { source: model.source, format: model.format, sample: model.sample } } : {}),
    });
    if (!target.accelerators.includes(server.accelerator)) {
      throw usageError(
        'TARGET_NOT_SUPPORTED',
        `Target "${target.id}" cannot host ${server.accelerator.toUpperCase()} server "${server.id}"; it hosts ${listOf([...target.accelerators])} servers.`,
      );
    }

    let recommendations: Recommendation[] = [];
    let sizer: string | undefined;
    let instance: ProjectInstance | undefined;
    if (settings.instanceType) {
      instance = this.checkInstanceType(server, settings.instanceType);
      if (resolvedModel) {
        instance = await this.sizeGiven(server, resolvedModel, options.values.server ?? {}, instance);
      }
    } else if (resolvedModel) {
      const sized = await this.recommend(server, resolvedModel, options.values.server ?? {});
      const problem = sized.problem;
      ({ recommendations } = sized);
      sizer = sized.sizer?.id;
      if (problem && !request.interactive) throw problem;
      // Nothing fits: the same answer as `mcc size` (the smallest split that would, or the largest instance).
      if (!problem && recommendations.length === 0 && sized.sizer && server.accelerator === 'gpu')
        throw tooLargeError(sized.sizer, sized.request, this.catalog, 'server-options');
      if (problem) {
        this.logger.warn(problem.message);
        instance = await this.askInstanceType(server, resolvedModel, options.values.server ?? {}, settings);
      } else if (recommendations.length === 0) {
        missing.push(
          `--instance-type: no instance in mcc's catalog fits this model (${resolvedModel.sizeBytes ?? 'unknown'} bytes) for server "${server.id}"`,
        );
      } else {
        // A value no instance type can have: the entry to type another instance type.
        const another = '(another)';
        const chosen = request.interactive
          ? await this.prompter.select(
              'Which instance type?',
              [
                ...recommendations.map((r) => ({
                  value: r.instanceType,
                  name: `${r.instanceType}  ${r.vcpu} vCPU, ${r.memoryGiB} GiB${r.acceleratorCount > 0 ? `, ${r.acceleratorCount} GPU${r.acceleratorCount === 1 ? '' : 's'}${r.tensorParallelDegree ? ` (TP ${r.tensorParallelDegree})` : ''}` : ''}${r.priceUsdPerHour ? `, $${r.priceUsdPerHour}/h` : ''}`,
                  description: r.reason,
                })),
                {
                  value: another,
                  name: 'Another instance type…',
                  description: 'Type any SageMaker real-time instance type.',
                },
              ],
              recommendations[0]!.instanceType,
            )
          : recommendations[0]!.instanceType;
        if (chosen === another) {
          instance = await this.askInstanceType(server, resolvedModel, options.values.server ?? {}, settings);
        } else {
          const picked = recommendations.find((r) => r.instanceType === chosen);
          settings.instanceType = {
            value: chosen,
            source: request.interactive ? 'prompt' : 'sizer',
            origin: picked?.reason,
          };
          instance = deriveInstance(chosen, this.catalog);
          if (picked && sizer) instance.sizing = sizingOf(sizer, server, picked);
        }
      }
    }

    if (!settings.region) {
      settings.region = request.interactive
        ? {
            value: await this.prompter.input('AWS region', {
              default: DEFAULTS.region,
              validate: inline((v) => validateRegion(v, 'the answer')),
            }),
            source: 'prompt',
          }
        : { value: DEFAULTS.region, source: 'default' };
    }
    validateRegion(settings.region.value, settings.region.origin ?? settings.region.source);

    // Phase 4: the project.
    this.logger.step('Project');
    const derivedName = defaultProjectName(
      server.id,
      resolvedModel?.sample
        ? 'sample'
        : basename(settings.model?.value ?? 'model', extname(settings.model?.value ?? '')),
    );
    if (!settings.name) {
      settings.name = request.interactive
        ? {
            value: await this.prompter.input('Project name', {
              default: derivedName,
              validate: inline((v) => validateProjectName(v, 'the answer')),
            }),
            source: 'prompt',
          }
        : { value: derivedName, source: 'derived', origin: `${server.id} and the model` };
    }
    validateProjectName(settings.name.value, settings.name.origin ?? settings.name.source);
    if (!settings.outputDir) settings.outputDir = { value: '.', source: 'default' };
    const projectDir = resolve(request.cwd, settings.outputDir.value, settings.name.value);
    if (!request.force && (await isNonEmptyDir(projectDir))) {
      throw usageError('PROJECT_EXISTS', `${projectDir} already exists and is not empty.`, [
        'Choose another NAME or --output-dir, or pass --force to replace it.',
      ]);
    }
    if (!settings.baseImage) {
      settings.baseImage = defaultBaseImage(server, {
        region: settings.region.value,
        options: options.values.server ?? {},
        ...(model ? { model: { source: model.source, format: model.format, sample: model.sample } } : {}),
      });
    }
    validateBaseImage(settings.baseImage.value, settings.baseImage.origin ?? settings.baseImage.source);

    if (missing.length > 0) {
      throw usageError(
        'MISSING_VALUES',
        `Missing ${missing.length === 1 ? 'a value' : `${missing.length} values`} (nothing is asked with --yes or without a terminal):\n${missing.map((m) => `  - ${m}`).join('\n')}`,
        [
          'Pass them as flags, MCC_* environment variables or in mcc.config.json, or run without --yes to be asked.',
        ],
      );
    }

    const input: ProjectInput = {
      project: {
        name: settings.name.value,
        imageName: settings.name.value.toLowerCase(),
        version: PROJECT_VERSION,
      },
      generator: request.generator,
      model: model!,
      server: {
        id: server.id,
        http: settings.http?.value,
        baseImage: settings.baseImage.value,
        options: options.values.server!,
      },
      target: {
        id: target.id,
        options: options.values.target!,
        // The endpoint type's request limit, so the server's nginx and handler enforce it locally.
        ...(target.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: target.maxPayloadBytes }),
        ...(target.requestTimeoutSeconds === undefined
          ? {}
          : { requestTimeoutSeconds: target.requestTimeoutSeconds }),
      },
      instance: instance!,
      region: settings.region.value,
    };
    const plugins = {
      modelSource: { id: source.id, plugin: sourceEntry.plugin.name, version: sourceEntry.plugin.version },
      server: { id: server.id, plugin: serverEntry.plugin.name, version: serverEntry.plugin.version },
      target: { id: target.id, plugin: targetEntry.plugin.name, version: targetEntry.plugin.version },
    };

    this.logger.step(`Rendering ${server.id} + ${target.id} into ${projectDir}`);
    const files = await renderProject({ input, server, target, settings, options: options.values, plugins });
    const copies =
      model && model.delivery === 'copy' && model.location
        ? [{ from: model.location, to: `model/${model.fileName}` }]
        : [];
    await writeProjectAtomically(projectDir, files, copies, { force: request.force });
    this.logger.info(`Generated ${projectDir}`);

    return {
      projectDir,
      files: [...files.map((f) => f.path), ...copies.flatMap((c) => copiedFiles(c.from, c.to))].sort(),
      settings,
      options: options.provenance,
      instance: instance!,
      recommendations,
      plugins,
    };
  }

  /** Asks for the model's location until the source accepts it; other errors end the run. */
  private async askModel(
    request: GenerateRequest,
    source: ModelSource,
    settings: Settings,
  ): Promise<[ResolvedValue, ResolvedModel]> {
    for (;;) {
      const value = await this.prompter.input(source.locationHint ?? 'Model location');
      try {
        const resolved = await source.resolve({
          location: value,
          cwd: request.cwd,
          offline: request.offline,
          aws: () => this.sourceAws(request, settings),
        });
        return [{ value, source: 'prompt' }, resolved];
      } catch (error) {
        if (!isMcError(error) || error.exitCode !== 2) throw error;
        this.logger.info(`${error.message} Try again, or press Ctrl-C to stop.`);
      }
    }
  }

  /**
   * The servers that take models from `sourceId`, for the interactive question: a Hub or S3 model
   * is offered the LLM servers only, a model file the predictive ones. A server that fails to load
   * is named and left out.
   */
  /** The targets that deploy models from the source, for the interactive choice. */
  private async targetsFor(sourceId: string): Promise<string[]> {
    const ids: string[] = [];
    for (const entry of this.registry.list('target')) {
      try {
        const target = await this.registry.load('target', entry.id);
        if (!target.sources || target.sources.includes(sourceId)) ids.push(entry.id);
      } catch (error) {
        this.logger.warn(`${(error as Error).message} (not offered)`);
      }
    }
    return ids;
  }

  private async serversFor(sourceId: string): Promise<string[]> {
    const ids: string[] = [];
    for (const entry of this.registry.list('server')) {
      try {
        const server = await this.registry.load('server', entry.id);
        if (server.sources.includes(sourceId)) ids.push(entry.id);
      } catch (error) {
        this.logger.warn(`${(error as Error).message} (not offered)`);
      }
    }
    return ids;
  }

  /**
   * A setting not given anywhere: asked in interactive mode (among `only` when given), else the
   * first registered of `fallbacks`, else the first registered.
   */
  private async choose(
    request: GenerateRequest,
    message: string,
    point: 'model-source' | 'server' | 'target',
    fallbacks: string | readonly string[],
    only?: readonly string[],
  ): Promise<ResolvedValue> {
    const entries = this.registry.list(point).filter((e) => only === undefined || only.includes(e.id));
    const preferred = [fallbacks].flat().find((id) => entries.some((e) => e.id === id)) ?? entries[0]?.id;
    if (only !== undefined && entries.length === 0) {
      throw usageError(
        `NO_${point.toUpperCase().replace('-', '_')}`,
        `No installed ${point} takes this model; installed: ${listOf(this.registry.list(point).map((e) => e.id))}.`,
        ['Run `mcc list` to see what each plugin takes, and `mcc plugins install` to add one.'],
      );
    }
    if (request.interactive && entries.length > 1) {
      const value = await this.prompter.select(
        message,
        entries.map((e) => ({ value: e.id, name: e.id, description: e.summary })),
        preferred,
      );
      return { value, source: 'prompt' };
    }
    if (!preferred)
      throw usageError(
        `NO_${point.toUpperCase().replace('-', '_')}`,
        `No ${point} is installed. Run \`mcc list\` and \`mcc plugins install\`.`,
      );
    return { value: preferred, source: 'default' };
  }

  private async modelFormat(
    request: GenerateRequest,
    server: Server,
    resolved: ResolvedModel,
    settings: Settings,
    missing: string[],
  ): Promise<ProjectModel | undefined> {
    const accepted = server.formats.map((f) => `${f.id} (${f.extensions.join(', ')})`);
    if (resolved.sample) {
      if (!server.sample)
        throw usageError(
          'SAMPLE_NOT_AVAILABLE',
          `Server "${server.id}" has no built-in sample model; use --model-source local with --model.`,
        );
      if (settings.modelFormat && settings.modelFormat.value !== server.sample.format) {
        throw usageError(
          'FORMAT_NOT_SUPPORTED',
          `--model-format "${settings.modelFormat.value}" does not apply to the sample model of "${server.id}", which is ${server.sample.format}.`,
        );
      }
      settings.modelFormat = { value: server.sample.format, source: 'derived', origin: 'sample model' };
      return { ...resolved, format: server.sample.format, fileName: server.sample.fileName };
    }
    if (resolved.delivery === 'runtime') return this.runtimeFormat(server, resolved, settings);
    const location = resolved.location ?? '';
    const ext = extname(location).toLowerCase();
    let formatId = settings.modelFormat?.value;
    if (formatId === undefined) {
      const byExtension = server.formats.find((f) => f.extensions.includes(ext));
      // A directory is the server's one directory format when it has only one (a SavedModel).
      const directoryFormats = server.formats.filter((f) => f.layout === 'directory');
      if (resolved.isDirectory && !byExtension && directoryFormats.length === 1) {
        formatId = directoryFormats[0]!.id;
        settings.modelFormat = { value: formatId, source: 'derived', origin: 'a directory' };
      } else if (byExtension) {
        formatId = byExtension.id;
        settings.modelFormat = { value: formatId, source: 'derived', origin: `extension ${ext}` };
      } else if (ext && !resolved.isDirectory) {
        throw usageError(
          'FORMAT_NOT_SUPPORTED',
          `Model "${basename(location)}" has extension ${ext}, which server "${server.id}" does not take. Accepted formats: ${listOf(accepted)}.`,
          ['Pass --model-format if the extension is misleading, or choose another --server.'],
        );
      } else if (request.interactive) {
        formatId = await this.prompter.select(
          'Which format is the model?',
          server.formats.map((f) => ({ value: f.id, name: f.id, description: f.summary })),
        );
        settings.modelFormat = { value: formatId, source: 'prompt' };
      } else {
        missing.push(
          `--model-format: cannot tell the format of "${basename(location)}" from its name; accepted: ${listOf(server.formats.map((f) => f.id))}`,
        );
        return undefined;
      }
    }
    const format = server.formats.find((f) => f.id === formatId);
    if (!format) {
      throw usageError(
        'FORMAT_NOT_SUPPORTED',
        `Model format "${formatId}" is not taken by server "${server.id}". Accepted: ${listOf(accepted)}.`,
      );
    }
    if (format.layout === 'file' && resolved.isDirectory) {
      throw usageError(
        'MODEL_IS_DIRECTORY',
        `Model "${location}" is a directory, but a ${format.id} model is a single file (${format.extensions.join(', ')}).`,
      );
    }
    if (format.layout === 'directory' && !resolved.isDirectory) {
      throw usageError(
        'MODEL_NOT_DIRECTORY',
        `Model "${location}" is a file, but a ${format.id} model is a directory.`,
      );
    }
    const problem = location ? await server.checkModel?.(location, format.id) : undefined;
    if (problem) {
      throw usageError('MODEL_FORMAT_MISMATCH', problem, [
        'Pass --model-format with the model’s real format, or re-save the model.',
      ]);
    }
    const fileExt = format.extensions.includes(ext) ? ext : (format.extensions[0] ?? '');
    return {
      ...resolved,
      format: format.id,
      fileName: format.layout === 'file' ? `model${fileExt}` : 'model',
    };
  }

  /**
   * AWS for a model source that can look (the S3 source sizing a prefix): the SDK is loaded only
   * when a source asks, never with --offline. Credentials are the SDK's default chain; a source
   * treats their absence as "could not look".
   */
  private async sourceAws(request: GenerateRequest, settings: Settings): Promise<AwsApi | undefined> {
    if (request.offline) return undefined;
    const region =
      process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? settings.region?.value ?? DEFAULTS.region;
    const { SdkAwsApi } = await import('../aws/sdk-aws-api.js');
    const { RetryingAwsApi } = await import('../aws/retrying-aws-api.js');
    const { systemClock } = await import('../lifecycle/stderr-progress.js');
    return new RetryingAwsApi(new SdkAwsApi({ region }), systemClock);
  }

  /** Asks for an instance type until it is valid for the server, then sizes it where the sizer can. */
  private async askInstanceType(
    server: Server,
    model: ResolvedModel,
    serverOptions: OptionValues,
    settings: Settings,
  ): Promise<ProjectInstance> {
    let typed: ProjectInstance | undefined;
    const value = await this.prompter.input('Instance type', {
      validate: inline((v) => void (typed = this.checkInstanceType(server, { value: v, source: 'prompt' }))),
    });
    settings.instanceType = { value: value.trim(), source: 'prompt' };
    typed ??= this.checkInstanceType(server, settings.instanceType);
    return this.sizeGiven(server, model, serverOptions, typed);
  }

  /**
   * A model fetched when the container starts (a Hub id, an S3 prefix) has no file here to judge by:
   * its format is the one the user named, or the server's only format for such models.
   */
  private runtimeFormat(server: Server, resolved: ResolvedModel, settings: Settings): ProjectModel {
    const runtime = server.formats.filter(
      (f) => f.layout === 'directory' && (f.sources === undefined || f.sources.includes(resolved.source)),
    );
    const named = settings.modelFormat?.value;
    const format = named
      ? server.formats.find((f) => f.id === named)
      : runtime.length === 1
        ? runtime[0]
        : undefined;
    if (!format) {
      throw usageError(
        'FORMAT_NOT_SUPPORTED',
        named
          ? `Model format "${named}" is not taken by server "${server.id}". Accepted: ${listOf(server.formats.map((f) => f.id))}.`
          : `Server "${server.id}" cannot tell which of its formats the ${resolved.source} model ${resolved.location ?? ''} is; pass --model-format (${listOf(runtime.map((f) => f.id))}).`,
      );
    }
    if (!named)
      settings.modelFormat = { value: format.id, source: 'derived', origin: `a ${resolved.source} model` };
    return { ...resolved, format: format.id, fileName: 'model' };
  }

  private checkInstanceType(server: Server, given: ResolvedValue): ProjectInstance {
    const type = given.value;
    if (!isRealtimeInstanceType(type)) {
      const close = suggestInstanceTypes(type);
      throw usageError(
        'INVALID_INSTANCE_TYPE',
        `Instance type "${type}" (from ${given.origin ?? given.source}) is not a SageMaker real-time endpoint instance type.`,
        close.length > 0
          ? [`Did you mean ${listOf(close)}?`, 'Run `mcc size` to get a recommendation.']
          : ['Run `mcc size` to get a recommendation.'],
      );
    }
    const instance = deriveInstance(type, this.catalog);
    if (server.accelerator === 'gpu' && instance.acceleratorCount === 0) {
      throw usageError('INSTANCE_NEEDS_GPU', `Server "${server.id}" needs a GPU, and ${type} has none.`);
    }
    if (server.accelerator === 'cpu' && instance.acceleratorCount > 0) {
      this.logger.warn(
        `${type} has accelerators that server "${server.id}" does not use; a CPU instance costs less.`,
      );
    }
    if (!instance.catalogued) {
      this.logger.warn(
        `${type} is a valid SageMaker type but not in mcc's catalog: its vCPU count (${instance.vcpu}) is derived from its size.`,
      );
    }
    return instance;
  }

  /**
   * The recommendations of the sizer for the server's accelerator (see `sizerFor`). A workload the
   * sizer rejects (an `INVALID_*` usage error: a tensor-parallel degree that does not split the
   * model's heads, say) ends the run; another usage error means it cannot size this model.
   */
  private async recommend(
    server: Server,
    model: ResolvedModel,
    serverOptions: OptionValues,
    catalog: InstanceCatalog = this.catalog,
  ): Promise<{
    sizer?: Sizer;
    request: SizingRequest;
    recommendations: Recommendation[];
    problem?: McError;
  }> {
    const request: SizingRequest = {
      model,
      server: {
        id: server.id,
        accelerator: server.accelerator,
        memoryPerModelByte: server.memoryPerModelByte,
      },
      ...workloadOf(serverOptions),
    };
    const sizer = await sizerFor(this.registry, server.accelerator, this.logger);
    if (!sizer) return { request, recommendations: [] };
    let recommendations: Recommendation[];
    try {
      recommendations = sizer.recommend(request, { catalog });
    } catch (error) {
      // The sizer cannot size this model (no config.json offline, say): the caller decides.
      if (isMcError(error) && error.exitCode === 2 && !error.code.startsWith('INVALID_'))
        return { sizer, request, recommendations: [], problem: error };
      throw error;
    }
    return { sizer, request, recommendations };
  }

  /**
   * The sizer's estimate for an instance type the user chose, asked of a catalog holding only that
   * type, so the figures are the ones a recommendation of it would give. A sizer that does not
   * consider the type (another family, or no room for the model) leaves it unsized.
   */
  private async sizeGiven(
    server: Server,
    model: ResolvedModel,
    serverOptions: OptionValues,
    instance: ProjectInstance,
  ): Promise<ProjectInstance> {
    const info = this.catalog.get(instance.instanceType);
    if (!info) {
      // Nothing to size against, but the sizer still checks the workload (the TP degree).
      await this.recommend(server, model, serverOptions, { all: () => [], get: () => undefined });
      return instance;
    }
    const only: InstanceCatalog = {
      all: () => [info],
      get: (type) => (type === info.instanceType ? info : undefined),
    };
    const { sizer, recommendations, problem } = await this.recommend(server, model, serverOptions, only);
    if (problem) {
      this.logger.warn(
        `${problem.message} The project is not sized: the endpoint reserves ${instance.instanceType}'s share per copy.`,
      );
    }
    const fit = recommendations.find((r) => r.instanceType === instance.instanceType);
    if (sizer && !fit && !problem && server.accelerator === 'gpu' && info.accelerator?.kind === 'gpu') {
      this.logger.warn(
        `By the ${sizer.id} sizer's estimate, ${model.hub?.id ?? 'the model'} does not fit ${instance.instanceType} with these options; the project is not sized and the engine may fail to start. Run \`mcc size\` to see where it fits.`,
      );
    }
    return sizer && fit ? { ...instance, sizing: sizingOf(sizer.id, server, fit) } : instance;
  }
}

/** What the project records of a recommendation: a CPU sizer sizes host memory, a GPU sizer the accelerators'. */
function sizingOf(sizer: string, server: Server, picked: Recommendation): ProjectSizing {
  if (server.accelerator === 'cpu') return { sizer, hostMemoryBytes: picked.estimatedMemoryBytes };
  return {
    sizer,
    acceleratorMemoryBytes: picked.estimatedMemoryBytes,
    ...(picked.tensorParallelDegree === undefined
      ? {}
      : { tensorParallelDegree: picked.tensorParallelDegree }),
    ...(picked.maxModelLen === undefined ? {} : { maxModelLen: picked.maxModelLen }),
    ...(picked.concurrency === undefined ? {} : { concurrency: picked.concurrency }),
  };
}

/**
 * The workload a GPU sizer plans for, from the server options LLM servers share by convention
 * (`dtype`, `max-model-len`, `max-concurrency`, `tensor-parallel-degree`,
 * `gpu-memory-utilization`); empty for other servers.
 */
function workloadOf(options: OptionValues): { workload?: Workload } {
  const workload: Workload = {};
  if (typeof options.dtype === 'string') workload.dtype = options.dtype;
  if (typeof options['max-model-len'] === 'number') workload.maxModelLen = options['max-model-len'];
  if (typeof options['max-concurrency'] === 'number') workload.concurrency = options['max-concurrency'];
  if (typeof options['tensor-parallel-degree'] === 'number')
    workload.tensorParallelDegree = options['tensor-parallel-degree'];
  if (typeof options['gpu-memory-utilization'] === 'number')
    workload.gpuMemoryUtilization = options['gpu-memory-utilization'];
  return Object.keys(workload).length > 0 ? { workload } : {};
}
