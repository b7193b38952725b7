import { NotFoundError, SurveyDefinitionError } from '../errors';
import type { Logger } from '../log';
import { DEFAULT_DIALOGS_DIR, loadDialogFiles, type DialogFile } from './dialog-files';
import { findDuplicateIds, surveySources } from './duplicate-ids';
import type { Survey } from './schema';
import { validateSurvey } from './validate-survey';

/** The validated surveys a server or command works with, by id. */
export class SurveyRegistry {
  readonly #surveys: ReadonlyMap<string, Survey>;

  /** @param warnings what validation found that does not stop a survey from running */
  constructor(
    surveys: readonly Survey[],
    readonly warnings: readonly string[] = [],
  ) {
    this.#surveys = new Map(surveys.map((survey) => [survey.id, survey]));
  }

  /** @throws NotFoundError naming the known ids when no survey has this id */
  get(id: string): Survey {
    const survey = this.#surveys.get(id);
    if (survey !== undefined) return survey;

    const known = [...this.#surveys.keys()].join(', ') || 'none';
    throw new NotFoundError(`survey "${id}" not found; known surveys: ${known}`);
  }

  has(id: string): boolean {
    return this.#surveys.has(id);
  }

  /** Returns the surveys in the order they were loaded. */
  list(): Survey[] {
    return [...this.#surveys.values()];
  }
}

export interface LoadSurveysOptions {
  /** Folder of dialog files; defaults to the repository's `dialogs` folder. */
  dir?: string;
  log?: Logger;
}

/**
 * Loads and validates every survey in the dialogs folder.
 *
 * @throws SurveyDefinitionError listing the problems of all files, including duplicate survey
 *   ids and a folder without dialog files, so one run shows everything to fix.
 */
export async function loadSurveys(options: LoadSurveysOptions = {}): Promise<SurveyRegistry> {
  const dir = options.dir ?? DEFAULT_DIALOGS_DIR;
  const files = await readDialogFolder(dir);
  const problems = [
    ...files.flatMap((file) => file.problems),
    ...findDuplicateIds(surveySources(files)),
  ];
  if (files.length === 0) problems.push(`${dir}: no dialog files (*.ts or *.js)`);
  if (problems.length > 0) throw combinedError(problems);

  const validated = files.flatMap((file) => file.surveys);
  const registry = new SurveyRegistry(
    validated.map(({ survey }) => survey),
    validated.flatMap(({ warnings }) => warnings),
  );
  logLoaded(registry, dir, options.log);
  return registry;
}

/**
 * Builds a registry from definitions held in memory, such as in tests, with the same validation
 * as `loadSurveys`.
 */
export function createSurveyRegistry(definitions: readonly unknown[]): SurveyRegistry {
  const problems: string[] = [];
  const validated = definitions.flatMap((definition, index) => {
    try {
      return [{ ...validateSurvey(definition), source: `definitions[${index}]` }];
    } catch (error) {
      if (!(error instanceof SurveyDefinitionError)) throw error;
      problems.push(...error.problems);
      return [];
    }
  });
  problems.push(
    ...findDuplicateIds(validated.map(({ survey, source }) => ({ id: survey.id, source }))),
  );
  if (problems.length > 0) throw combinedError(problems);

  const surveys = validated.map(({ survey }) => survey);
  return new SurveyRegistry(
    surveys,
    validated.flatMap(({ warnings }) => warnings),
  );
}

async function readDialogFolder(dir: string): Promise<DialogFile[]> {
  try {
    return await loadDialogFiles(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw combinedError([`${dir}: dialogs folder not found; set DIALOGS_DIR to the folder`]);
  }
}

function combinedError(problems: string[]): SurveyDefinitionError {
  const lines = problems.map((problem) => `  - ${problem}`).join('\n');
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new SurveyDefinitionError(`invalid survey definitions, ${count}:\n${lines}`, problems);
}

function logLoaded(registry: SurveyRegistry, dir: string, log: Logger | undefined): void {
  if (log === undefined) return;
  for (const warning of registry.warnings) log.warn({ warning }, 'survey definition warning');
  log.info({ dir, surveys: registry.list().map((survey) => survey.id) }, 'surveys loaded');
}
