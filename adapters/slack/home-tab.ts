import type { types, webApi } from '@slack/bolt';

import type { Locale, Survey } from '../../src/surveys/schema';

/** The `action_id` of the Home tab's button that starts the survey in a direct message. */
export const START_SURVEY_ACTION = 'ces-start';

/** The Home tab's words, one map per locale, apart from the blocks that show them. */
const HOME_TEXTS: Record<Locale, { intro: string; start: string }> = {
  en: {
    intro: 'This app asks you a few short questions about *{title}*, in a direct message.',
    start: 'Start the survey',
  },
  nl: {
    intro: 'Deze app stelt je in een direct bericht een paar korte vragen over *{title}*.',
    start: 'Start de vragenlijst',
  },
};

/**
 * Publishes the Home tab: what the app asks about and a button that starts the survey. Slack
 * shows the last published view until another is published (views.publish).
 */
export async function publishHomeTab(
  client: webApi.WebClient,
  user: string,
  survey: Survey,
): Promise<void> {
  await client.views.publish({ user_id: user, view: { type: 'home', blocks: homeBlocks(survey) } });
}

function homeBlocks(survey: Survey): types.KnownBlock[] {
  const texts = HOME_TEXTS[survey.defaultLocale];
  const title = survey.title.replace(/[&<>*_~]/g, '');
  return [
    { type: 'section', text: { type: 'mrkdwn', text: texts.intro.replace('{title}', title) } },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: START_SURVEY_ACTION,
          style: 'primary',
          text: { type: 'plain_text', text: texts.start },
        },
      ],
    },
  ];
}
