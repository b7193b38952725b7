/**
 * A valid survey definition that each test copies and breaks in one place. Drafts are untyped
 * because broken definitions need fields of the wrong type or shape.
 */
export type Draft = any;

export function validDraft(): Draft {
  return {
    id: 'service-visit',
    title: 'Service visit',
    defaultLocale: 'nl',
    locales: ['nl', 'en'],
    channels: ['sms', 'webchat'],
    placeholders: { company: 'Jansen' },
    privacy: {
      controller: 'Jansen B.V.',
      purpose: { nl: 'onze service verbeteren', en: 'improving our service' },
      legalBasis: 'consent',
      noticeUrl: 'https://jansen.example/privacy',
      noticeVersion: '1',
      retentionDays: { contact: 30, freeText: 180, scores: 730, consent: 730, audit: 365 },
      metadata: { region: { reason: 'to compare regions' } },
    },
    steps: [
      {
        id: 'consent',
        kind: 'consent',
        text: {
          nl: '{controller}: {purpose}, {retentionDays} dagen, {noticeUrl}. Doet u mee?',
          en: '{controller}: {purpose}, {retentionDays} days, {noticeUrl}. Will you join?',
        },
      },
      {
        id: 'ces',
        kind: 'ces',
        text: { nl: 'Was {company} gemakkelijk?', en: 'Was {company} easy?' },
      },
      {
        id: 'topic',
        kind: 'choice',
        text: { nl: 'Waarover?', en: 'About what?' },
        options: [
          { value: 'billing', label: { nl: 'Factuur', en: 'Billing' } },
          { value: 'repair', label: { nl: 'Reparatie', en: 'Repair' } },
        ],
      },
      { id: 'resolved', kind: 'yesno', text: { nl: 'Opgelost?', en: 'Resolved?' } },
      { id: 'rating', kind: 'rating', min: 0, max: 10, text: { nl: 'Cijfer?', en: 'Score?' } },
      {
        id: 'why',
        kind: 'text',
        saveAs: 'followUp',
        when: { answer: 'ces', between: [1, 3] },
        text: { nl: 'Wat was lastig?', en: 'What was hard?' },
      },
      { id: 'thanks', kind: 'closing', text: { nl: 'Bedankt!', en: 'Thank you!' } },
    ],
  };
}

/** Returns the draft's step with this id; a test that names a missing step fails here. */
export function stepOf(draft: Draft, id: string): Draft {
  const step = (draft.steps as Draft[]).find((candidate) => candidate.id === id);
  if (step === undefined) throw new Error(`the draft has no step "${id}"`);
  return step;
}
