import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The guides: every Markdown file directly in `docs/`. */
export const DOCS_DIR = join(import.meta.dirname, '..');
/** Where the code blocks are written, so that workspace packages resolve from them. */
export const GENERATED_DIR = join(DOCS_DIR, '.generated');

/** One ```ts block of a guide and what its marker comment says to do with it. */
export interface DocBlock {
  /** The guide, e.g. `getting-started.md`. */
  doc: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
  /** `<!-- fragment -->`: a deliberate excerpt, neither type-checked nor run. */
  fragment: boolean;
  /** `<!-- run -->`: self-contained; the docs tests import (execute) it. */
  run: boolean;
  /** The file it is written to: `<!-- file: name.ts -->`, or `block-<n>.ts`. A `*.test.ts` block is a vitest test file of the docs project. */
  file: string;
  /** Where it is written, when it is not a fragment. */
  path: string;
  code: string;
}

/** The Markdown files of `docs/`, sorted. */
export function guideFiles(): string[] {
  return readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort();
}

const MARKER = /^<!--\s*(.*?)\s*-->$/;

/**
 * Every ```ts block of `doc` with its marker: the HTML comment on the nearest non-blank line
 * before the fence, holding comma-separated `fragment`, `run` and `file: name.ts`. Fails on
 * ```typescript and ```tsx fences, so no TypeScript block escapes the checks under another name.
 */
export function blocksOf(doc: string): DocBlock[] {
  const lines = readFileSync(join(DOCS_DIR, doc), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const fence = /^(\s*)(`{3,})(\S*)/.exec(lines[index] ?? '');
    if (!fence) continue;
    const [, , ticks = '```', lang = ''] = fence;
    const end = lines.findIndex((line, at) => at > index && line.trim() === ticks);
    if (end < 0) throw new Error(`${doc}:${index + 1}: a code fence is never closed`);
    if (lang === 'typescript' || lang === 'tsx') {
      throw new Error(`${doc}:${index + 1}: write TypeScript blocks as \`\`\`ts`);
    }
    if (lang === 'ts') {
      let before = index - 1;
      while (before >= 0 && lines[before]?.trim() === '') before -= 1;
      const marker = MARKER.exec(lines[before]?.trim() ?? '')?.[1] ?? '';
      const parts = marker ? marker.split(',').map((part) => part.trim()) : [];
      const unknown = parts.filter(
        (part) => part !== 'fragment' && part !== 'run' && !part.startsWith('file:'),
      );
      if (unknown.length > 0) {
        throw new Error(`${doc}:${index + 1}: unknown block marker "${unknown.join(', ')}"`);
      }
      const named = parts
        .find((part) => part.startsWith('file:'))
        ?.slice(5)
        .trim();
      const file = named ?? `block-${blocks.length + 1}.ts`;
      blocks.push({
        doc,
        line: index + 1,
        fragment: parts.includes('fragment'),
        run: parts.includes('run'),
        file,
        path: join(GENERATED_DIR, basename(doc, '.md'), file),
        code: lines.slice(index + 1, end).join('\n'),
      });
    }
    index = end;
  }
  return blocks;
}

/** Every ```ts block of every guide. */
export function allBlocks(): DocBlock[] {
  return guideFiles().flatMap(blocksOf);
}

/**
 * Writes every block that is not a fragment to `docs/.generated/<guide>/<file>`, with a
 * tsconfig that checks them all as the packages are checked (strict, against their built
 * types). Starts from an empty directory, so a block removed from a guide leaves nothing behind.
 */
export function writeDocBlocks(): DocBlock[] {
  const blocks = allBlocks();
  rmSync(GENERATED_DIR, { recursive: true, force: true });
  mkdirSync(GENERATED_DIR, { recursive: true });
  const seen = new Set<string>();
  for (const block of blocks) {
    if (block.fragment) continue;
    if (seen.has(block.path)) throw new Error(`${block.doc}: two blocks are named ${block.file}`);
    seen.add(block.path);
    mkdirSync(join(block.path, '..'), { recursive: true });
    writeFileSync(block.path, `${block.code}\n`);
  }
  writeFileSync(
    join(GENERATED_DIR, 'tsconfig.json'),
    `${JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { noEmit: true, allowImportingTsExtensions: true },
        include: ['**/*.ts'],
      },
      null,
      2,
    )}\n`,
  );
  return blocks;
}
