/**
 * The .d.ts files a published SDK ships, without a declaration bundler: TypeScript emits
 * declarations for the entries and everything they import, and only the files the entries'
 * declarations reach (walking their imports) are kept. `.ts` import specifiers become `.js`;
 * an import of anything the package does not ship (say `@closeloop/shared`, unpublished) fails
 * the build, so the types a user installs always resolve. Paths stay relative to packages/, so
 * the shared core's declarations sit beside the SDK's: dist/types/<sdk>/src/…, dist/types/sdk-core/src/….
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Module specifiers of import/export statements (from their start at a line's beginning to
 * `from '…'`, so a specifier quoted in a doc comment is not one) and of inline `import('…')` types.
 */
const SPECIFIER = /(^(?:import|export)\b[^;]*?\bfrom\s+|\bimport\(\s*)(['"])([^'"]+)\2/gm;

export interface TypesBuild {
  /** Entry source files, absolute. */
  entries: string[];
  /** Where the declarations go (the package's dist/types). */
  outDir: string;
  /** Bare specifiers (and `reference types`) the declarations may use, e.g. /^node(:|$)/ for the Node SDK. */
  allowExternal?: RegExp;
}

/** Writes the declarations; returns their paths relative to `outDir`. */
export function buildTypes({ entries, outDir, allowExternal }: TypesBuild): string[] {
  const virtualOut = join(packagesDir, '.types-not-written');
  const program = ts.createProgram(entries, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: packagesDir,
    outDir: virtualOut,
  });
  const emitted = new Map<string, string>();
  const result = program.emit(
    undefined,
    (file, text) => emitted.set(relative(virtualOut, file), text),
    undefined,
    true,
  );
  if (result.diagnostics.length > 0) {
    throw new Error(ts.formatDiagnostics(result.diagnostics, ts.createCompilerHost({})));
  }

  const kept = new Map<string, string>();
  const visit = (file: string) => {
    if (kept.has(file)) return;
    const text = emitted.get(file);
    if (text === undefined) throw new Error(`no declarations emitted for ${file}`);
    kept.set(file, ''); // marks it visited before its imports are
    for (const [, name] of text.matchAll(/\/\/\/\s*<reference types="([^"]+)"/g)) {
      if (!allowExternal?.test(String(name)))
        throw new Error(`${file} references the types of ${name}, which users of the package may not have`);
    }
    const rewritten = text.replace(SPECIFIER, (_all, lead: string, quote: string, spec: string) => {
      if (!spec.startsWith('.')) {
        if (allowExternal?.test(spec)) return `${lead}${quote}${spec}${quote}`;
        throw new Error(`${file} imports ${spec}, which the published package does not ship`);
      }
      const base = spec.replace(/\.(ts|js)$/, '');
      visit(join(dirname(file), `${base}.d.ts`));
      return `${lead}${quote}${base}.js${quote}`;
    });
    kept.set(file, rewritten);
  };
  for (const entry of entries) visit(relative(packagesDir, entry).replace(/\.ts$/, '.d.ts'));

  for (const [file, text] of kept) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), text);
  }
  return [...kept.keys()];
}
