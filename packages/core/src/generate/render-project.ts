import { McError } from '@mcc/sdk';
import type { HubModel, OptionValue, ProjectInput, Server, Target } from '@mcc/sdk';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';
import type { RenderedFile } from '@mcc/sdk/render';

import type { ResolvedValue, SettingKey } from '../config/settings.js';

const CORE_TEMPLATES = new URL('../../templates/project/', import.meta.url);
const README_SECTION = '_README.md.ejs';

export interface RenderProjectInput {
  input: ProjectInput;
  server: Server;
  target: Target;
  settings: Partial<Record<SettingKey, ResolvedValue>>;
  options: Record<string, Record<string, OptionValue>>;
  plugins: Record<string, { id: string; plugin: string; version: string }>;
}

/**
 * The project manifest: generator, plugins and every resolved setting, so the project can be
 * regenerated or upgraded. Holds no secret: nothing secret is a setting. The model's location is
 * kept as the user typed it.
 */
function manifest({ input, settings, options, plugins }: RenderProjectInput): string {
  const values = Object.fromEntries(Object.entries(settings).map(([key, hit]) => [key, hit.value]));
  const doc = {
    mcc: { generator: input.generator.name, version: input.generator.version, schema: 1 },
    project: input.project,
    plugins,
    settings: values,
    options,
    model: {
      source: input.model.source,
      format: input.model.format,
      fileName: input.model.fileName,
      delivery: input.model.delivery,
      ...(input.model.sizeBytes === undefined ? {} : { sizeBytes: input.model.sizeBytes }),
      // What the lifecycle verbs need of a model fetched at runtime; the Hub's config stays out.
      ...(input.model.delivery === 'runtime' && input.model.location
        ? { location: input.model.location }
        : {}),
      ...(input.model.hub ? { hub: hubRecord(input.model.hub) } : {}),
      ...(input.model.s3 ? { s3: input.model.s3 } : {}),
    },
    instance: input.instance,
    // Only when the target declares a limit, so manifests of other targets keep their shape.
    ...(input.target.maxPayloadBytes === undefined && input.target.requestTimeoutSeconds === undefined
      ? {}
      : {
          target: {
            ...(input.target.maxPayloadBytes === undefined
              ? {}
              : { maxPayloadBytes: input.target.maxPayloadBytes }),
            ...(input.target.requestTimeoutSeconds === undefined
              ? {}
              : { requestTimeoutSeconds: input.target.requestTimeoutSeconds }),
          },
        }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function hubRecord(hub: HubModel): HubModel {
  const { id, revision, commit, gated, chatTemplate } = hub;
  return {
    id,
    revision,
    ...(commit === undefined ? {} : { commit }),
    gated,
    ...(chatTemplate === undefined ? {} : { chatTemplate }),
  };
}

/** A template that fails to render is a plugin bug: say which plugin, and keep EJS's location. */
async function blame<T>(owner: string, render: () => Promise<T>): Promise<T> {
  try {
    return await render();
  } catch (error) {
    throw new McError(`The templates of ${owner} failed to render: ${(error as Error).message}`, {
      code: 'TEMPLATE_FAILED',
      cause: error,
      suggestions: [
        `Report this to the plugin's authors with the command you ran; \`mcc list\` shows which plugin provides ${owner}.`,
      ],
    });
  }
}

/**
 * Renders the whole project: the server's templates, the target's, and core's own (README with the
 * plugins' sections, .gitignore, mcc.json). Two plugins writing the same path is a plugin bug and
 * is reported naming both.
 */
export async function renderProject(request: RenderProjectInput): Promise<RenderedFile[]> {
  const { input, server, target } = request;
  const serverLocals = { ...input, ctx: server.context(input) };
  const targetLocals = { ...input, ctx: target.context(input) };
  const serverFiles = await blame(`server ${server.id}`, () =>
    renderTemplates({ templatesDir: server.templatesDir, locals: serverLocals, rules: server.files }),
  );
  const targetFiles = await blame(`target ${target.id}`, () =>
    renderTemplates({ templatesDir: target.templatesDir, locals: targetLocals, rules: target.files }),
  );
  const coreLocals = {
    ...input,
    settings: request.settings,
    serverSection:
      (await blame(`server ${server.id}`, () =>
        renderPartial(server.templatesDir, README_SECTION, serverLocals),
      )) ?? '',
    targetSection:
      (await blame(`target ${target.id}`, () =>
        renderPartial(target.templatesDir, README_SECTION, targetLocals),
      )) ?? '',
  };
  const coreFiles = await renderTemplates({
    templatesDir: CORE_TEMPLATES,
    locals: coreLocals,
    // npm drops files named .gitignore from packages, so the template has no leading dot.
    rules: [{ template: 'gitignore', output: '.gitignore' }],
  });
  coreFiles.push({ path: 'mcc.json', content: manifest(request), mode: 0o644 });

  const owners = new Map<string, string>();
  const all: RenderedFile[] = [];
  for (const [owner, files] of [
    [`server ${server.id}`, serverFiles],
    [`target ${target.id}`, targetFiles],
    ['mcc core', coreFiles],
  ] as const) {
    for (const file of files) {
      const previous = owners.get(file.path);
      if (previous) {
        throw new McError(`Both ${previous} and ${owner} generate ${file.path}.`, {
          code: 'PLUGIN_FILE_CONFLICT',
          suggestions: ['Report this to the plugins’ authors; one of them must rename its file.'],
        });
      }
      owners.set(file.path, owner);
      all.push(file);
    }
  }
  return all.sort((a, b) => a.path.localeCompare(b.path));
}
