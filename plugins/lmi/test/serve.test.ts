import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseProperties, servingPropertiesTemplatesDir } from '@mcc/sdk/serving-properties';
import { afterEach, describe, expect, it } from 'vitest';

import { projectInput, renderProject } from './fixtures.js';
import { freePort, installFakeDjl, startServe, stop, waitForHttp } from './fake-djl.js';

interface Record {
  argv: string[];
  env: { [name: string]: string };
  properties: string;
}

const running: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => stop(child)));
});

/** The environment code/serve runs with in these tests: no image entrypoint, the project's files. */
function serveEnv(dir: string): { [name: string]: string } {
  return {
    PATH: '/usr/bin:/bin',
    MCC_SERVING_PROPERTIES: join(dir, 'serving.properties'),
    MCC_RUN_DIR: dir,
    MCC_DJL_ENTRYPOINT: '',
  };
}

/** Renders a project, starts its code/serve with a fake djl-serving first on PATH, waits for /ping. */
async function serveProject(extraEnv: { [name: string]: string }) {
  const project = await renderProject(
    projectInput({ options: { 'max-model-len': 4096, dtype: 'bf16', 'enable-lora': true, 'max-loras': 2 } }),
  );
  const bin = await installFakeDjl(project.dir);
  const port = await freePort();
  const record = join(project.dir, 'record.json');
  const child = startServe(join(project.dir, 'code/serve'), {
    ...serveEnv(project.dir),
    PATH: `${bin}:/usr/bin:/bin`,
    MCC_BIND_HOST: '127.0.0.1',
    SAGEMAKER_BIND_TO_PORT: String(port),
    FAKE_DJL_RECORD: record,
    ...extraEnv,
  });
  running.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ping = await waitForHttp(`http://127.0.0.1:${port}/ping`, child);
  const recorded = JSON.parse(await readFile(record, 'utf8')) as Record;
  return { project, port, ping, recorded, stderr: () => stderr, child };
}

describe('generated code/serve with a fake djl-serving', () => {
  it('starts djl-serving on the generated properties and SAGEMAKER_BIND_TO_PORT; /ping answers 200', async () => {
    const { ping, recorded, port, project } = await serveProject({});
    expect(ping.status).toBe(200);
    expect(recorded.argv.slice(1, 2)).toEqual(['-m']);
    expect(recorded.argv[2]).toMatch(/^file:\/\/.*\/mcc-djl-[^/]+\/model$/);
    expect(recorded.argv[2]).toContain(project.dir);
    expect(recorded.env['SERVING_INFERENCE_ADDRESS']).toBe(`http://127.0.0.1:${port}`);
    const effective = Object.fromEntries(parseProperties(recorded.properties));
    const generated = Object.fromEntries(parseProperties(project.files.get('serving.properties')!));
    expect(effective).toEqual(generated);
    expect(effective['option.max_model_len']).toBe('4096');
  });

  it('lets OPTION_* variables override and add properties, including awkward values', async () => {
    const template = '{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}# done = yes ü';
    const { recorded, stderr } = await serveProject({
      OPTION_MAX_MODEL_LEN: '2048',
      OPTION_MAX_ROLLING_BATCH_SIZE: '8',
      OPTION_CHAT_TEMPLATE: template,
      OPTION_ENTRYPOINT: 'djl_python.lmi_vllm.vllm_async_service',
      OPTION_DTYPE: '', // empty: ignored, as DJL ignores it
    });
    const effective = parseProperties(recorded.properties);
    expect(effective.get('option.max_model_len')).toBe('2048');
    expect(effective.get('option.max_rolling_batch_size')).toBe('8');
    expect(effective.get('option.chat_template')).toBe(template);
    expect(effective.get('option.entryPoint')).toBe('djl_python.lmi_vllm.vllm_async_service');
    expect(effective.get('option.dtype')).toBe('bf16');
    expect(effective.get('engine')).toBe('Python');
    expect(recorded.properties).toMatch(/^[\x20-\x7e\n]*$/);
    expect(stderr()).toContain('option.max_model_len overrides from the environment');
    expect(stderr()).toContain('option.chat_template adds from the environment');
  });

  it('answers /invocations with the TGI-style sample payload over HTTP', async () => {
    const { port, project } = await serveProject({});
    const body = await readFile(join(project.dir, 'tests/payloads/generate.json'), 'utf8');
    const reply = await fetch(`http://127.0.0.1:${port}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { generated_text: string }).generated_text).toMatch(
      /^echo: What is Amazon SageMaker/,
    );
  });

  it('hands over to the image entrypoint with `serve` when it exists', async () => {
    const project = await renderProject(projectInput());
    const entrypoint = join(project.dir, 'dockerd-entrypoint.sh');
    const record = join(project.dir, 'entrypoint.json');
    await writeFile(
      entrypoint,
      '#!/usr/bin/python3\nimport json, os, sys\njson.dump(sys.argv[1:], open(os.environ["RECORD"], "w"))\n',
    );
    await chmod(entrypoint, 0o755);
    const result = spawnSync('/usr/bin/python3', [join(project.dir, 'code/serve'), 'serve'], {
      env: { ...serveEnv(project.dir), MCC_DJL_ENTRYPOINT: entrypoint, RECORD: record },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const argv = JSON.parse(await readFile(record, 'utf8')) as string[];
    expect(argv).toEqual(['serve', '-m', expect.stringMatching(/^file:\/\/.*\/model$/)]);
  });

  it('refuses a SAGEMAKER_BIND_TO_PORT that is not a port, naming it', async () => {
    const project = await renderProject(projectInput());
    const result = spawnSync('/usr/bin/python3', [join(project.dir, 'code/serve'), 'serve'], {
      env: { ...serveEnv(project.dir), SAGEMAKER_BIND_TO_PORT: '80; rm -rf /' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("SAGEMAKER_BIND_TO_PORT='80; rm -rf /' is not a port number (1-65535)");
  });

  it('fails clearly without its serving.properties', () => {
    const serve = fileURLToPath(new URL('code/serve', servingPropertiesTemplatesDir));
    const result = spawnSync('/usr/bin/python3', [serve], {
      env: { PATH: '/usr/bin:/bin', MCC_SERVING_PROPERTIES: '/nonexistent/serving.properties' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot read \/nonexistent\/serving\.properties/);
  });
});
