import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackedProject, type PackedProject } from '../../../scripts/packed-project.js';

const PUBLISHED = [
  '@smsbridge/core',
  '@smsbridge/testkit',
  '@smsbridge/store-memory',
  '@smsbridge/store-mongo',
  '@smsbridge/adapter-express',
  '@smsbridge/adapter-lambda',
];
/** What the consumer's own code needs besides our packages: its framework, driver and types. */
const CONSUMER_DEPENDENCIES = ['express', '@types/express', 'mongodb', '@types/node'];
const tsc = resolve(import.meta.dirname, '../../../node_modules/typescript/bin/tsc');

/**
 * Optional properties of types the packages only hand out (results, records of what happened):
 * a user forwards them to other types (`LambdaHttpResult` to `@types/aws-lambda`'s result), which
 * under `exactOptionalPropertyTypes` a `| undefined` would break.
 */
const OUTPUTS = new Set([
  'LambdaHttpResult.statusDescription',
  'LambdaHttpResult.headers',
  'LambdaHttpResult.multiValueHeaders',
  'WebhookAttempt.error',
  'TwilioMessage.source',
]);

const COMPILER_OPTIONS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  target: 'es2022',
  types: ['node'],
};

describe('a strict project (exactOptionalPropertyTypes) using the packed packages', () => {
  let project: PackedProject;
  beforeAll(() => {
    project = createPackedProject(PUBLISHED, CONSUMER_DEPENDENCIES);
    copyFileSync(
      join(import.meta.dirname, 'strict-consumer/consumer.ts'),
      join(project.dir, 'consumer.ts'),
    );
    writeFileSync(
      join(project.dir, 'package.json'),
      JSON.stringify({ name: 'strict-consumer', private: true, type: 'module' }),
    );
  }, 120_000);
  afterAll(() => project?.remove());

  // nodenext also checks every declaration file (ours under the user's strict options, and the
  // libraries', ~20 s); bundler, the other way users resolve, checks the usage only.
  const resolutions = {
    nodenext: { module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false },
    bundler: {
      module: 'esnext',
      moduleResolution: 'bundler',
      esModuleInterop: true,
      skipLibCheck: true,
    },
  };
  for (const [name, resolution] of Object.entries(resolutions)) {
    it(`compiles the README's usage with moduleResolution "${name}"`, () => {
      const config = join(project.dir, `tsconfig.${name}.json`);
      writeFileSync(
        config,
        JSON.stringify({
          compilerOptions: { ...COMPILER_OPTIONS, ...resolution },
          files: ['consumer.ts'],
        }),
      );
      let output = '';
      try {
        execFileSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
      } catch (error) {
        output = (error as { stdout?: string }).stdout ?? String(error);
      }
      expect(output).toBe('');
    }, 120_000);
  }

  it('admits undefined in every optional property of the published declarations', () => {
    const lenient: string[] = [];
    for (const name of PUBLISHED) {
      const dist = join(project.dir, 'node_modules', name, 'dist');
      for (const file of declarationFiles(dist)) {
        for (const property of optionalWithoutUndefined(file)) {
          if (!OUTPUTS.has(property)) lenient.push(`${name}/${relative(dist, file)}: ${property}`);
        }
      }
    }
    expect(lenient).toEqual([]);
  });
});

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.d.ts'))
    .map((file) => join(dir, file));
}

/** `Owner.property` for each `property?: T` in interfaces and object types whose T lacks undefined. */
function optionalWithoutUndefined(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const admitsUndefined = (type: ts.TypeNode | undefined): boolean =>
    type === undefined ||
    type.kind === ts.SyntaxKind.UndefinedKeyword ||
    type.kind === ts.SyntaxKind.UnknownKeyword ||
    type.kind === ts.SyntaxKind.AnyKeyword ||
    (ts.isUnionTypeNode(type) && type.types.some(admitsUndefined)) ||
    (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.UndefinedKeyword);
  const visit = (node: ts.Node, owner: string): void => {
    const named =
      (ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node) ||
        ts.isClassDeclaration(node)) &&
      node.name;
    const inside = named ? node.name.text : owner;
    if (ts.isPropertySignature(node) && node.questionToken && !admitsUndefined(node.type)) {
      found.push(`${inside}.${node.name.getText(source)}`);
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(source, '');
  return found;
}
