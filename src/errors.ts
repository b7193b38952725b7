/**
 * Every failure ces-bot reports to a caller: a stable machine code, an HTTP status, and a message
 * that says what failed, on which value, and what to do next.
 */
export class CesBotError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends CesBotError {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super('invalid_input', 400, message);
  }
}

export class UnauthorizedError extends CesBotError {
  constructor(message = 'missing or invalid credentials') {
    super('unauthorized', 401, message);
  }
}

export class ForbiddenError extends CesBotError {
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}

export class NotFoundError extends CesBotError {
  constructor(message: string) {
    super('not_found', 404, message);
  }
}

export class ChannelDisabledError extends CesBotError {
  constructor(channel: string, missing: string[]) {
    super('channel_disabled', 503, `${channel} is switched off: set ${missing.join(' and ')}`);
  }
}

/** A concurrent turn changed the conversation first; the caller retries with a fresh read. */
export class ConflictError extends CesBotError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export class StorageError extends CesBotError {
  constructor(message: string, cause?: unknown) {
    super('storage_failed', 503, message, { cause });
  }
}

export class SurveyDefinitionError extends CesBotError {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super('survey_invalid', 500, message);
  }
}

/** A missing or invalid setting; the message names the variable and how to fix it. */
export class ConfigError extends CesBotError {
  constructor(message: string) {
    super('config_invalid', 503, message);
  }
}
