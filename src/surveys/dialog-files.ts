import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { SurveyDefinitionError } from '../errors';
import { isRecord } from './findings';
import { validateSurvey, type ValidatedSurvey } from './validate-survey';

/**
 * The repository's `dialogs` folder of TypeScript sources. This module sits in `src/surveys`, or
 * after `tsc` in `dist/src/surveys`; either way the sources are loaded, so that a deleted or
 * renamed dialog never lingers in `dist` and errors name the file to edit.
 */
export const DEFAULT_DIALOGS_DIR = path.resolve(
  __dirname,
  ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist'
    ? ['..', '..', '..']
    : ['..', '..']),
  'dialogs',
);

/** Result of loading one dialog file: its valid surveys and the problems found. */
export interface DialogFile {
  /** The file's path as shown in messages: relative to the working directory when inside it. */
  source: string;
  surveys: ValidatedSurvey[];
  problems: string[];
}

/**
 * Lists the dialog files in `dir`, sorted by name: `*.ts` and `*.js`, without declaration files
 * and without files whose name starts with `_`, which hold shared parts rather than surveys.
 */
export async function listDialogFiles(dir: string): Promise<string[]> {
  const names = await readdir(path.resolve(dir));
  return names
    .filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') && !name.startsWith('_'))
    .sort()
    .map((name) => path.resolve(dir, name));
}

/** Loads every dialog file in `dir` and validates the surveys each one exports. */
export async function loadDialogFiles(dir: string): Promise<DialogFile[]> {
  const files = await listDialogFiles(dir);
  return files.map(loadDialogFile);
}

/**
 * Loads one dialog file and validates its surveys: the default export, and every named export
 * that has `steps`. Loading uses `require`, so the file is compiled by whatever runs this code:
 * tsx, ts-jest, or `tsc` ahead of time.
 */
export function loadDialogFile(file: string): DialogFile {
  const source = describeSource(file);
  let exported: unknown;
  try {
    if (file.endsWith('.ts')) enableTypeScript();
    exported = require(file);
  } catch (error) {
    return { source, surveys: [], problems: [`${source}: failed to load: ${errorMessage(error)}`] };
  }

  const definitions = findSurveyExports(exported);
  if (definitions.length === 0) {
    const hint = 'export default defineSurvey({ ... })';
    return { source, surveys: [], problems: [`${source}: exports no survey; add ${hint}`] };
  }
  return validateDefinitions(definitions, source);
}

function validateDefinitions(definitions: unknown[], source: string): DialogFile {
  const result: DialogFile = { source, surveys: [], problems: [] };
  for (const definition of definitions) {
    try {
      result.surveys.push(validateSurvey(definition, { source }));
    } catch (error) {
      if (!(error instanceof SurveyDefinitionError)) throw error;
      result.problems.push(...error.problems);
    }
  }
  return result;
}

/** Returns each distinct survey definition a module exports, default export first. */
function findSurveyExports(exported: unknown): unknown[] {
  if (!isRecord(exported)) return [];
  // A CommonJS file may assign the survey itself to `module.exports`.
  if (exported.__esModule !== true && looksLikeSurvey(exported)) return [exported];

  const named = Object.entries(exported)
    .filter(([name, value]) => name !== 'default' && looksLikeSurvey(value))
    .map(([, value]) => value);
  const all = exported.default === undefined ? named : [exported.default, ...named];
  return [...new Set(all)];
}

function looksLikeSurvey(value: unknown): boolean {
  return isRecord(value) && 'steps' in value;
}

function describeSource(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let typeScriptEnabled = false;

/**
 * Lets `require` load TypeScript dialogs in compiled code (`npm start` runs `dist/`), through
 * tsx's CommonJS hook. Under tsx or ts-jest, which compile `.ts` already, nothing is registered.
 */
function enableTypeScript(): void {
  const underLoader = require.extensions['.ts'] !== undefined || process.env.JEST_WORKER_ID;
  if (typeScriptEnabled || underLoader) return;
  require('tsx/cjs/api').register();
  typeScriptEnabled = true;
}
