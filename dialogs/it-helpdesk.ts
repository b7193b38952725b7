import { defineSurvey } from '../src/surveys/define-survey';

/**
 * An English Slack survey sent after an IT helpdesk ticket is closed. Employees are asked under
 * legitimate interests; the consent step still tells them who asks, why and for how long, and
 * lets them say no.
 */
export default defineSurvey({
  id: 'it-helpdesk',
  title: 'IT helpdesk ticket',
  defaultLocale: 'en',
  locales: ['en'],
  channels: ['slack', 'console'],
  placeholders: { team: 'IT Service Desk' },
  privacy: {
    controller: 'Example Corp',
    purpose: { en: 'making IT support take less effort for employees' },
    legalBasis: 'legitimate-interests',
    noticeUrl: 'https://intranet.example/privacy/it-surveys',
    noticeVersion: '2025-01',
    retentionDays: { contact: 30, freeText: 90, scores: 365, consent: 365, audit: 365 },
    metadata: {
      ticketCategory: { reason: 'to compare effort between kinds of tickets' },
    },
    recipients: ['IT Service Desk team leads'],
  },
  steps: [
    {
      id: 'consent',
      kind: 'consent',
      text: {
        en:
          'Hi! {controller} asks up to 3 quick questions about your closed IT ticket, for ' +
          '{purpose}. Answers are kept for at most {retentionDays} days. Send STOP to stop or ' +
          'DELETE MY DATA to erase your answers. Privacy notice: {noticeUrl}. Will you take part?',
      },
    },
    {
      id: 'ces',
      kind: 'ces',
      scale: 'ces1',
      text: { en: 'How much effort did you personally have to put in to get your ticket solved?' },
      labels: {
        min: { en: 'very low effort' },
        max: { en: 'very high effort' },
      },
    },
    {
      id: 'hardest-part',
      kind: 'choice',
      text: { en: 'Which part took the most effort?' },
      options: [
        {
          value: 'reaching-us',
          label: { en: 'Reaching the {team}' },
          synonyms: ['reaching', 'contact'],
        },
        {
          value: 'explaining',
          label: { en: 'Explaining the problem' },
          synonyms: ['explain'],
        },
        { value: 'waiting', label: { en: 'Waiting for a fix' }, synonyms: ['wait'] },
        {
          value: 'repeating',
          label: { en: 'Asking more than once' },
          synonyms: ['again', 'repeat'],
        },
        { value: 'nothing', label: { en: 'Nothing, it was easy' }, synonyms: ['none', 'easy'] },
      ],
    },
    {
      id: 'improvement',
      kind: 'text',
      when: { not: { answer: 'hardest-part', oneOf: ['nothing'] } },
      maxLength: 1000,
      text: { en: 'What one change would have made this easier for you?' },
    },
    {
      id: 'thanks',
      kind: 'closing',
      text: { en: 'Thank you! The {team} reads every answer to make support easier.' },
    },
  ],
});
