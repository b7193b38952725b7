import type { z } from 'zod';

import { formatFieldPath, isRecord, type Finding, type FindingLocation } from './findings';
import { privacySchema, stepSchema, surveySchema } from './schema';

type Issue = z.core.$ZodIssue;

/** A zod issue reduced to the field it is about and a message for a survey author. */
interface FieldIssue {
  path: PropertyKey[];
  message: string;
}

/** Turns the issues of a failed `surveySchema` parse into findings at survey and step fields. */
export function findingsFromZodIssues(issues: readonly Issue[], input: unknown): Finding[] {
  return issues
    .flatMap((issue) => toFieldIssues(issue, [], input))
    .map(({ path, message }) => ({ severity: 'error' as const, ...locate(path), message }));
}

function toFieldIssues(issue: Issue, prefix: PropertyKey[], input: unknown): FieldIssue[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'invalid_union':
      return unionIssues(issue, path, input);
    case 'invalid_key':
      return issue.issues.flatMap((inner) => toFieldIssues(inner, path, input));
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: unknownKey(path, input) }));
    case 'invalid_type':
      return [{ path, message: typeMessage(issue) }];
    default:
      return [{ path, message: withReceived(lowerFirst(issue.message), issue.input) }];
  }
}

/**
 * Reports the issues of the union member closest to the input, meaning the one with the fewest
 * issues, such as the condition form whose keys the author used. The union's own issue names no
 * single cause.
 */
function unionIssues(
  issue: Issue & { code: 'invalid_union' },
  path: PropertyKey[],
  input: unknown,
) {
  const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
  if (closest === undefined || closest.length === 0) {
    return [{ path, message: withReceived(lowerFirst(issue.message), issue.input) }];
  }
  return closest.flatMap((inner) => toFieldIssues(inner, path, input));
}

function typeMessage(issue: Issue & { code: 'invalid_type' }): string {
  if (issue.input === undefined) return `missing; expected ${issue.expected}`;
  return lowerFirst(issue.message);
}

function unknownKey(objectPath: PropertyKey[], input: unknown): string {
  const allowed = allowedKeys(objectPath, input);
  return allowed ? `unknown field; allowed fields are ${allowed.join(', ')}` : 'unknown field';
}

/** Returns the keys the object at `path` may have, for the objects authors edit most. */
function allowedKeys(path: PropertyKey[], input: unknown): string[] | undefined {
  if (path.length === 0) return Object.keys(surveySchema.shape);
  if (path.length === 1 && path[0] === 'privacy') return Object.keys(privacySchema.shape);
  if (path.length !== 2 || path[0] !== 'steps' || !isRecord(input)) return undefined;

  const steps = input.steps;
  const step: unknown = Array.isArray(steps) ? steps[Number(path[1])] : undefined;
  const kind = isRecord(step) ? step.kind : undefined;
  const schema = stepSchema.options.find((option) => option.shape.kind.value === kind);
  return schema ? Object.keys(schema.shape) : undefined;
}

function locate(path: PropertyKey[]): FindingLocation {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    return { stepIndex: path[1], field: formatFieldPath(path.slice(2)) };
  }
  return { field: formatFieldPath(path) };
}

function withReceived(message: string, received: unknown): string {
  if (typeof received === 'string') return `${message} (received ${JSON.stringify(received)})`;
  if (typeof received === 'number' || typeof received === 'boolean') {
    return `${message} (received ${String(received)})`;
  }
  return message;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
