import { toPlainText } from '../../../../adapters/slack/inbound';

describe('toPlainText', () => {
  test.each([
    ['4', '4'],
    ['Tom &amp; Jerry &lt;3 &gt; all', 'Tom & Jerry <3 > all'],
    ['mail <mailto:piet@example.nl|piet@example.nl>', 'mail piet@example.nl'],
    ['see <https://intranet.example/ticket/12>', 'see https://intranet.example/ticket/12'],
    ['see <https://intranet.example/t|the ticket>', 'see the ticket'],
    ['thanks <@U0123ABCD>', 'thanks @user'],
    ['thanks <@U0123ABCD|marloes>', 'thanks @marloes'],
    ['in <#C0123ABCD|it-support>', 'in #it-support'],
    ['<!here> help', '@here help'],
    ['a &amp;lt; b', 'a &lt; b'],
  ])('turns %p into %p', (slackText, expected) => {
    expect(toPlainText(slackText)).toBe(expected);
  });

  test('keeps no user id from a mention', () => {
    expect(toPlainText('<@W0GRIDUSER1> fixed it')).not.toContain('W0GRIDUSER1');
  });
});
