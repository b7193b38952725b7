import type { DialogFile } from './dialog-files';

/** A survey id and where it is defined, as the duplicate check needs them. */
export interface SurveySource {
  id: string;
  source: string;
}

/** Lists the survey ids and sources of dialog files, for {@link findDuplicateIds}. */
export function surveySources(files: readonly DialogFile[]): SurveySource[] {
  return files.flatMap((file) =>
    file.surveys.map(({ survey }) => ({ id: survey.id, source: file.source })),
  );
}

/** Returns a problem for every survey id that more than one definition uses. */
export function findDuplicateIds(entries: readonly SurveySource[]): string[] {
  const sources = new Map<string, string[]>();
  for (const { id, source } of entries) sources.set(id, [...(sources.get(id) ?? []), source]);

  return [...sources]
    .filter(([, where]) => where.length > 1)
    .map(
      ([id, where]) =>
        `survey "${id}" is defined more than once, in ${where.join(', ')}; ` +
        'survey ids must be unique',
    );
}
