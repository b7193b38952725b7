import { defineSurvey } from '../src/surveys/define-survey';

/**
 * A bilingual survey at the end of a support chat, in the web chat widget or over Bot
 * Framework. English is the default; Dutch is offered to respondents whose locale is Dutch.
 */
export default defineSurvey({
  id: 'support-chat',
  title: 'Support chat',
  defaultLocale: 'en',
  locales: ['en', 'nl'],
  channels: ['webchat', 'botframework', 'console'],
  placeholders: {
    product: 'Example Cloud',
  },
  privacy: {
    controller: 'Example Software Ltd',
    purpose: {
      en: 'improving our support',
      nl: 'onze ondersteuning verbeteren',
    },
    legalBasis: 'consent',
    noticeUrl: 'https://example.com/privacy/support-surveys',
    noticeVersion: '2025-01',
    retentionDays: { contact: 30, freeText: 180, scores: 730, consent: 730, audit: 365 },
    metadata: {
      queue: { reason: 'to compare effort between support queues' },
    },
    recipients: ['Support team leads'],
  },
  steps: [
    {
      id: 'consent',
      kind: 'consent',
      text: {
        en:
          'Before you go: {controller} would like to ask you up to 4 short questions about this ' +
          'chat. Purpose: {purpose}. We keep your answers for at most {retentionDays} days, ' +
          'and you can type STOP to stop or DELETE to erase your data at any time. ' +
          'Privacy notice: {noticeUrl}. Will you take part?',
        nl:
          'Voordat u gaat: {controller} stelt u graag maximaal 4 korte vragen over dit ' +
          'gesprek. Doel: {purpose}. We bewaren uw antwoorden maximaal {retentionDays} dagen, ' +
          'en u kunt altijd STOP typen om te stoppen of VERWIJDER om uw gegevens te wissen. ' +
          'Privacyverklaring: {noticeUrl}. Doet u mee?',
      },
    },
    {
      id: 'ces',
      kind: 'ces',
      text: {
        en: 'How much do you agree? "{product} support made it easy for me to handle my issue."',
        nl:
          'Hoeveel bent u het eens met deze stelling? "De ondersteuning van {product} maakte ' +
          'het mij gemakkelijk om mijn probleem op te lossen."',
      },
      labels: {
        min: { en: 'strongly disagree', nl: 'helemaal mee oneens' },
        max: { en: 'strongly agree', nl: 'helemaal mee eens' },
      },
      emoji: { '😡': 1, '🙁': 2, '😐': 4, '🙂': 6, '😀': 7 },
    },
    {
      id: 'resolved',
      kind: 'yesno',
      text: {
        en: 'Is your issue resolved?',
        nl: 'Is uw probleem opgelost?',
      },
    },
    {
      id: 'agent',
      kind: 'rating',
      when: { answer: 'resolved', oneOf: [true] },
      min: 0,
      max: 10,
      text: {
        en: 'How would you rate the knowledge of the agent who helped you?',
        nl: 'Hoe beoordeelt u de kennis van de medewerker die u hielp?',
      },
      labels: {
        min: { en: 'very poor', nl: 'zeer slecht' },
        max: { en: 'excellent', nl: 'uitstekend' },
      },
    },
    {
      id: 'improvement',
      kind: 'text',
      text: {
        en: 'What could we have done to make this easier for you?',
        nl: 'Wat hadden we kunnen doen om het u gemakkelijker te maken?',
      },
    },
    {
      id: 'thanks',
      kind: 'closing',
      text: {
        en: 'Thank you for your feedback! You can close this chat now.',
        nl: 'Bedankt voor uw feedback! U kunt dit gesprek nu sluiten.',
      },
    },
  ],
});
