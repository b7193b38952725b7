import { z } from 'zod';

/** Locales a survey text can be written in. Adding one means adding its engine texts too. */
export const LOCALES = ['nl', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** One text per locale. Which locales are required is checked against the survey's `locales`. */
export const localizedTextSchema = z.partialRecord(localeSchema, z.string().min(1));
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const idSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,62}$/,
    'use lowercase letters, digits and dashes, starting with a letter',
  );

/** An answer key: a step id, or a `saveAs` key, which may also be camelCase, as `followUp`. */
const answerKeySchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/, 'use letters, digits and dashes, starting with a letter');

/** A condition on earlier answers or on invitation metadata that decides whether a step is asked. */
export type Condition =
  | { answer: string; between: [number, number] }
  | { answer: string; oneOf: Array<string | number | boolean> }
  | { metadata: string; oneOf: string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      answer: answerKeySchema,
      between: z.tuple([z.number().int(), z.number().int()]),
    }),
    z.strictObject({
      answer: answerKeySchema,
      oneOf: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
    }),
    z.strictObject({ metadata: z.string().min(1), oneOf: z.array(z.string()).min(1) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const stepBase = {
  id: idSchema,
  text: localizedTextSchema,
  /** The step is asked only when this holds; otherwise it is skipped. */
  when: conditionSchema.optional(),
  /** Invalid replies in a row before the conversation ends; defaults to the survey's maxRetries. */
  retries: z.number().int().min(1).max(10).optional(),
};

/** Inclusive band of scale values, for example [5, 7]. */
const bandSchema = z.tuple([z.number().int(), z.number().int()]);

const scaleLabelsSchema = z.strictObject({ min: localizedTextSchema, max: localizedTextSchema });

/** Emoji or words mapped to a scale value; emoji are never guessed without such a map. */
const emojiMapSchema = z.record(z.string().min(1), z.number().int());

export const consentStepSchema = z.strictObject({ ...stepBase, kind: z.literal('consent') });

export const cesStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal('ces'),
  /** CES 2.0: 1-7 agreement that it was easy. CES 1.0: 1-5 effort, 1 = very low effort. */
  scale: z.enum(['ces2', 'ces1']).default('ces2'),
  labels: scaleLabelsSchema.optional(),
  /** Bands counted as low and high effort for the net score; defaults depend on the scale. */
  bands: z.strictObject({ lowEffort: bandSchema, highEffort: bandSchema }).optional(),
  emoji: emojiMapSchema.optional(),
});

export const ratingStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal('rating'),
  min: z.number().int(),
  max: z.number().int(),
  labels: scaleLabelsSchema.optional(),
  emoji: emojiMapSchema.optional(),
});

export const choiceStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal('choice'),
  options: z
    .array(
      z.strictObject({
        value: idSchema,
        label: localizedTextSchema,
        /** Extra words that select this option, in any locale. */
        synonyms: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(2)
    .max(10),
});

export const yesNoStepSchema = z.strictObject({ ...stepBase, kind: z.literal('yesno') });

export const textStepSchema = z.strictObject({
  ...stepBase,
  kind: z.literal('text'),
  maxLength: z.number().int().min(1).max(2000).default(500),
  /** The answer is stored under this key, so several worded variants can fill one field. */
  saveAs: answerKeySchema.optional(),
});

export const closingStepSchema = z.strictObject({ ...stepBase, kind: z.literal('closing') });

export const stepSchema = z.discriminatedUnion('kind', [
  consentStepSchema,
  cesStepSchema,
  ratingStepSchema,
  choiceStepSchema,
  yesNoStepSchema,
  textStepSchema,
  closingStepSchema,
]);
export type Step = z.infer<typeof stepSchema>;
export type StepInput = z.input<typeof stepSchema>;
export type StepKind = Step['kind'];

export const LEGAL_BASES = ['consent', 'legitimate-interests', 'contract'] as const;

/** Retention terms in days, per data class. */
export const retentionSchema = z.strictObject({
  contact: z.number().int().min(1),
  freeText: z.number().int().min(1),
  scores: z.number().int().min(1),
  consent: z.number().int().min(1),
  audit: z.number().int().min(1),
});
export type Retention = z.infer<typeof retentionSchema>;

export const privacySchema = z.strictObject({
  /** The organisation that decides why and how the data is processed. */
  controller: z.string().min(1),
  purpose: localizedTextSchema,
  legalBasis: z.enum(LEGAL_BASES),
  noticeUrl: z.url(),
  noticeVersion: z.string().min(1),
  retentionDays: retentionSchema,
  /** Invitation metadata fields this survey may keep, each with the reason it is needed. */
  metadata: z
    .record(
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/),
      z.strictObject({
        reason: z.string().min(1),
      }),
    )
    .default({}),
  /** Recipients of the results, for the record of processing. */
  recipients: z.array(z.string().min(1)).default([]),
});
export type Privacy = z.infer<typeof privacySchema>;

export const CHANNELS = ['sms', 'whatsapp', 'slack', 'webchat', 'botframework', 'console'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const surveySchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  defaultLocale: localeSchema,
  locales: z.array(localeSchema).min(1),
  channels: z.array(channelSchema).min(1),
  /** Values for `{name}` placeholders in texts; a placeholder missing here fails validation. */
  placeholders: z.record(z.string(), z.union([z.string(), localizedTextSchema])).default({}),
  privacy: privacySchema,
  /** Hours after the last message before a late answer gets "this survey has closed". */
  expiresAfterHours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  maxRetries: z.number().int().min(1).max(10).default(3),
  sms: z
    .strictObject({
      maxSegments: z.number().int().min(1).max(10).default(2),
      /** Too many segments is an error rather than a warning. */
      strict: z.boolean().default(false),
    })
    .default({ maxSegments: 2, strict: false }),
  steps: z.array(stepSchema).min(2),
});
export type Survey = z.infer<typeof surveySchema>;
export type SurveyInput = z.input<typeof surveySchema>;
