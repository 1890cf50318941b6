import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort } from '../../../testkit/free-port.js';
import { httpRequest } from '../../../testkit/http.js';
import { SCENARIOS, projectInput } from './helpers/input.js';
import { renderProject } from './helpers/render.js';
import type { RenderedProject } from './helpers/render.js';

/**
 * A stand-in `tritonserver`: records its argv and environment, then answers GET /ping on the port
 * of --sagemaker-port (loopback) until SIGTERM, which it reports by exiting 0.
 */
const FAKE = `#!/usr/bin/python3
import http.server, json, os, signal, sys
args = sys.argv[1:]
with open(os.environ["FAKE_RECORD"], "w") as out:
    json.dump({"argv": args, "env": {k: v for k, v in os.environ.items() if k.startswith(("SAGEMAKER", "SM_", "MCC_"))}}, out)
port = int(next(a.split("=", 1)[1] for a in args if a.startswith("--sagemaker-port=")))
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/ping" else 404)
        self.end_headers()
    def log_message(self, *_):
        pass
server = http.server.HTTPServer(("127.0.0.1", port), Handler)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
server.serve_forever()
`;

let project: RenderedProject;
let fakeDir: string;
let repository: string;

beforeAll(async () => {
  project = await renderProject(projectInput(SCENARIOS.find((s) => s.name === 'python')!));
  fakeDir = await mkdtemp(join(tmpdir(), 'mcc-fake-triton-'));
  await writeFile(join(fakeDir, 'tritonserver'), FAKE);
  await chmod(join(fakeDir, 'tritonserver'), 0o755);
  repository = join(project.dir, 'model_repository');
});

afterAll(async () => {
  await rm(project.dir, { recursive: true, force: true });
  await rm(fakeDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stderr: string;
  record?: { argv: string[]; env: Record<string, string> };
}

/** Runs code/serve with the fake first on PATH; stops it by PID with SIGTERM once /ping answers. */
async function serve(env: Record<string, string>, args: string[] = ['serve']): Promise<Run> {
  const port = await freePort();
  const record = join(fakeDir, `record-${port}.json`);
  const child = spawn(join(project.dir, 'code', 'serve'), args, {
    env: {
      PATH: `${fakeDir}:/usr/bin:/bin`,
      FAKE_RECORD: record,
      SM_MODEL_DIR: repository,
      SAGEMAKER_BIND_TO_PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 15_000;
  while (!done && Date.now() < deadline) {
    try {
      if ((await httpRequest(`http://127.0.0.1:${port}/ping`, { timeoutMs: 1000 })).status === 200) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  if (!done) process.kill(child.pid!, 'SIGTERM');
  const code = await exited;
  let recorded: Run['record'];
  try {
    recorded = JSON.parse(await readFile(record, 'utf8')) as Run['record'];
  } catch {
    recorded = undefined;
  }
  return { code, stderr, ...(recorded ? { record: recorded } : {}) };
}

describe('the generated code/serve, run against a fake tritonserver on PATH', () => {
  it('starts Triton with the SageMaker front end on the bound port and the one model loaded', async () => {
    const run = await serve({ SAGEMAKER_SAFE_PORT_RANGE: '20000-20999', MCC_TRITON_ARGS: '--log-info=true' });
    // tritonserver replaced serve (exec), so SIGTERM reached it and it exited cleanly.
    expect(run.code).toBe(0);
    const argv = run.record!.argv;
    expect(argv).toEqual(
      expect.arrayContaining([
        `--model-repository=${repository}`,
        '--model-control-mode=explicit',
        '--load-model=model',
        '--allow-sagemaker=true',
        '--allow-http=false',
        '--allow-grpc=false',
        '--allow-metrics=false',
        '--sagemaker-safe-port-range=20000-20999',
        '--backend-config=python,shm-default-byte-size=16777216',
        '--log-info=true',
      ]),
    );
    expect(argv.some((arg) => /^--sagemaker-port=\d+$/.test(arg))).toBe(true);
    expect(argv).not.toContain('serve');
    expect(run.record!.env.SAGEMAKER_TRITON_DEFAULT_MODEL_NAME).toBe('model');
  });

  it('fails fast, naming the path, when the repository does not hold the model', async () => {
    await mkdir(join(repository, 'other'), { recursive: true });
    const run = await serve({ SAGEMAKER_TRITON_DEFAULT_MODEL_NAME: 'other' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${repository}/other/config.pbtxt does not exist`);
    expect(run.record).toBeUndefined();
  });
});
