import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core speaks Web Request/Response only. A framework or adapter import here would make every
 * user pay for (and depend on) a framework they may not use, and would put conversion logic in
 * the wrong layer.
 */
const FORBIDDEN = [
  /^express(\/|$)/,
  /^@types\/express/,
  /^aws-lambda$/,
  /^@types\/aws-lambda$/,
  /^@smsbridge\/adapter-/,
  /^(node:)?http$/,
  /^(node:)?https$/,
];

const srcRoot = join(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every module specifier in a source text: static imports, re-exports, import(), require(). */
function importedModules(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) =>
    [...source.matchAll(pattern)].map((match) => match[1] ?? ''),
  );
}

function violations(files: { name: string; source: string }[]): string[] {
  return files.flatMap(({ name, source }) =>
    importedModules(source)
      .filter((specifier) => FORBIDDEN.some((pattern) => pattern.test(specifier)))
      .map((specifier) => `${name} imports ${specifier}`),
  );
}

describe('packages/core boundary', () => {
  it('imports no framework, Lambda types or adapter', () => {
    const files = sourceFiles(srcRoot).map((file) => ({
      name: relative(srcRoot, file),
      source: readFileSync(file, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(0);
    expect(violations(files)).toEqual([]);
  });

  it('would catch each kind of forbidden import (the check itself can fail)', () => {
    const samples = [
      "import express from 'express';",
      "import type { Request } from 'express';",
      "import type { APIGatewayProxyEvent } from 'aws-lambda';",
      "export { createExpressHandler } from '@smsbridge/adapter-express';",
      "const http = await import('node:http');",
      "const lambda = require('@smsbridge/adapter-lambda');",
    ];
    expect(
      violations(samples.map((source, index) => ({ name: `sample${index}`, source }))),
    ).toHaveLength(samples.length);
    expect(violations([{ name: 'ok', source: "import { z } from 'zod';" }])).toEqual([]);
  });
});
