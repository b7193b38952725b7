import { TEST_PUBLIC_URL, TEST_TWILIO_TOKEN } from './server';
import { FakeTwilio } from './twilio-fake';

/** A fake Twilio that signs with the test server's token and public URL, posting to `path`. */
export function signedTwilio(serverUrl: string, path = '/twilio/sms'): FakeTwilio {
  return new FakeTwilio({
    authToken: TEST_TWILIO_TOKEN,
    publicUrl: TEST_PUBLIC_URL,
    serverUrl,
    path,
  });
}
