/**
 * Test support for the SDKs' package tests (`src/package.test.ts` of sdk-browser and sdk-node): packs an SDK
 * as `npm pack` does after its prepack build and installs the tarball into a fresh project, the
 * way a user would — offline, so an SDK that needed anything from the registry fails here.
 *
 * The package is staged in a temp directory (its package.json and README.md, and the build
 * written straight into the stage's dist/) and packed there with `--ignore-scripts`: tests run
 * in parallel, and rebuilding the package's own dist/ would pull files from under
 * sdk.browser.test.ts, which serves them.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Installed {
  /** The fresh project (package.json from `npm init -y`, the SDK in node_modules). */
  project: string;
  /** The SDK as installed: project/node_modules/<name>. */
  packageDir: string;
  /** Paths inside the tarball, as `npm pack` lists them. */
  files: string[];
  remove(): void;
}

/** The environment without npm's own variables (set when tests run under `npm test`), which would steer the child npm. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function packAndInstall(
  packageRoot: string,
  build: (distDir: string) => Promise<void>,
): Promise<Installed> {
  const tmp = mkdtempSync(join(tmpdir(), 'closeloop-pack-'));
  const stage = join(tmp, 'stage');
  mkdirSync(stage);
  for (const file of ['package.json', 'README.md']) copyFileSync(join(packageRoot, file), join(stage, file));
  await build(join(stage, 'dist'));
  const [packed] = JSON.parse(
    npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], stage),
  ) as Array<{
    name: string;
    filename: string;
    files: Array<{ path: string }>;
  }>;
  if (!packed) throw new Error('npm pack listed no package');

  const project = join(tmp, 'project');
  mkdirSync(project);
  npm(['init', '-y'], project);
  npm(['install', '--offline', '--ignore-scripts', join(tmp, packed.filename)], project);
  return {
    project,
    packageDir: join(project, 'node_modules', packed.name),
    files: packed.files.map((f) => f.path),
    remove: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/** Runs a Node script in the project; resolves with its stdout (rejects with stderr on failure). */
export async function runIn(
  project: string,
  script: string,
  env: Record<string, string> = {},
): Promise<string> {
  writeFileSync(join(project, 'main.mjs'), script);
  const { stdout } = await promisify(execFile)(process.execPath, ['main.mjs'], {
    cwd: project,
    env: cleanEnv(env),
    timeout: 30_000,
  });
  return stdout;
}

/**
 * Type-checks `source` as a user's check.ts against the installed declarations, with the
 * repository's TypeScript and nothing else of the repository (`typeRoots` only when asked, for
 * @types/node). Returns tsc's output; throws with it when there are errors.
 */
export function typecheckIn(
  project: string,
  source: string,
  compilerOptions: Record<string, unknown>,
): string {
  writeFileSync(join(project, 'check.ts'), source);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, ...compilerOptions },
      files: ['check.ts'],
    }),
  );
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  try {
    return execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** What every SDK tarball is checked for: no sources, no dependencies, nothing else installed, the README's first line. */
export function shapeOf(installed: Installed): {
  sources: string[];
  dependencies: unknown;
  installed: string[];
  readmeFirstLine: string;
} {
  const pkg = JSON.parse(readFileSync(join(installed.packageDir, 'package.json'), 'utf8')) as {
    dependencies?: unknown;
  };
  return {
    sources: installed.files.filter(
      (f) => f.startsWith('src/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
    ),
    dependencies: pkg.dependencies,
    installed: readdirSync(join(installed.project, 'node_modules')).filter((f) => !f.startsWith('.')),
    readmeFirstLine: readFileSync(join(installed.packageDir, 'README.md'), 'utf8').split('\n')[0] ?? '',
  };
}
