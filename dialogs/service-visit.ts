import { defineSurvey } from '../src/surveys/define-survey';

/**
 * A Dutch-first SMS survey sent after an engineer's service visit. Texts stay within the GSM-7
 * alphabet, because one "ë" or curly apostrophe switches a whole SMS to UCS-2 and cuts a
 * segment from 160 to 70 characters.
 */
export default defineSurvey({
  id: 'service-visit',
  title: 'Service visit',
  defaultLocale: 'nl',
  locales: ['nl', 'en'],
  channels: ['sms', 'whatsapp', 'webchat', 'console'],
  placeholders: { company: 'Jansen Installatietechniek' },
  privacy: {
    controller: 'Jansen Installatietechniek B.V.',
    purpose: {
      nl: 'onze service verbeteren',
      en: 'improving our service',
    },
    legalBasis: 'consent',
    noticeUrl: 'https://jansen.example/privacy',
    noticeVersion: '2025-01',
    retentionDays: { contact: 30, freeText: 180, scores: 730, consent: 730, audit: 365 },
    metadata: {
      region: { reason: 'to compare customer effort between service regions' },
      engineerId: { reason: 'to coach the engineer who made the visit' },
    },
    recipients: ['Customer service team of Jansen Installatietechniek'],
  },
  steps: [
    {
      id: 'consent',
      kind: 'consent',
      text: {
        nl:
          '{controller}: 2 vragen over ons bezoek. Doel: {purpose}. We bewaren uw ' +
          'antwoorden tot {retentionDays} dagen. Antwoord STOP om te stoppen of VERWIJDER om ' +
          'uw gegevens te wissen. Privacy: {noticeUrl} Doet u mee?',
        en:
          '{controller}: 2 short questions about our visit. Purpose: {purpose}. We keep your ' +
          'answers for up to {retentionDays} days. Reply STOP to stop or DELETE to erase your ' +
          'data. Privacy: {noticeUrl} Will you take part?',
      },
    },
    {
      id: 'ces',
      kind: 'ces',
      scale: 'ces2',
      text: {
        nl:
          'Hoeveel bent u het eens met deze stelling? "{company} maakte het mij gemakkelijk ' +
          'om mijn probleem op te lossen."',
        en: 'How much do you agree? "{company} made it easy for me to handle my issue."',
      },
      labels: {
        min: { nl: 'helemaal mee oneens', en: 'strongly disagree' },
        max: { nl: 'helemaal mee eens', en: 'strongly agree' },
      },
    },
    {
      id: 'follow-up-hard',
      kind: 'text',
      when: { answer: 'ces', between: [1, 3] },
      saveAs: 'followUp',
      text: {
        nl: 'Dat spijt ons. Wat maakte het lastig?',
        en: 'We are sorry to hear that. What made it difficult?',
      },
    },
    {
      id: 'follow-up-neutral',
      kind: 'text',
      when: { answer: 'ces', oneOf: [4] },
      saveAs: 'followUp',
      text: {
        nl: 'Wat had het voor u gemakkelijker kunnen maken?',
        en: 'What could have made it easier for you?',
      },
    },
    {
      id: 'follow-up-easy',
      kind: 'text',
      when: { answer: 'ces', between: [5, 7] },
      saveAs: 'followUp',
      text: {
        nl: 'Fijn om te horen! Wat ging er goed?',
        en: 'Glad to hear it! What went well?',
      },
    },
    {
      id: 'thanks',
      kind: 'closing',
      text: {
        nl: 'Bedankt voor uw antwoorden! Hiermee kan {company} het volgende bezoek nog beter maken.',
        en: 'Thank you for your answers! They help {company} make the next visit even better.',
      },
    },
  ],
});
