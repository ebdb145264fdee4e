// Sends what a B2B product sends through Segment's own Node library: users identified with their work emails, a
// `group` call naming the product's organisation id with the company's traits, and, in the second step, a
// "Demo Requested" track call. Environment: SERVER_URL, WRITE_KEY (an ingest key), ORG_ID, DOMAIN, STEP ("group" or
// "demo"). Prints {"sent": N} once the library has flushed every call; exits non-zero when a delivery failed.
import { Analytics } from '@segment/analytics-node';

const { SERVER_URL, WRITE_KEY, ORG_ID, DOMAIN, STEP } = process.env;
const analytics = new Analytics({ writeKey: WRITE_KEY, host: SERVER_URL, flushInterval: 100, maxRetries: 2 });
const failures = [];
const answers = [];
analytics.on('error', (error) => failures.push(String(error?.reason ?? error?.message ?? error)));
analytics.on('http_response', (response) => {
  answers.push(response.status);
  if (response.status !== 200) failures.push(`${response.status} ${response.body}`);
});

const users = [
  { userId: 'user-jane', email: `jane@${DOMAIN}` },
  { userId: 'user-omar', email: `omar@${DOMAIN}` },
];
let sent = 0;
if (STEP === 'group') {
  for (const user of users) {
    analytics.identify({ userId: user.userId, traits: { email: user.email } });
    analytics.group({
      userId: user.userId,
      groupId: ORG_ID,
      traits: { name: 'Acme Robotics Workspace', domain: DOMAIN, industry: 'Robotics', employees: 120, plan: 'trial' },
    });
    sent += 2;
  }
  analytics.page({ userId: 'user-jane', name: 'Blog', properties: { url: 'https://vendor.example/blog/robot-arms' } });
  sent += 1;
} else if (STEP === 'demo') {
  analytics.track({ userId: 'user-omar', event: 'Demo Requested', properties: { plan: 'enterprise' } });
  sent += 1;
} else {
  throw new Error(`STEP must be group or demo, not ${STEP}`);
}

await analytics.closeAndFlush({ timeout: 30000 });
if (failures.length > 0) {
  console.error(JSON.stringify({ failures }));
  process.exit(1);
}
console.log(JSON.stringify({ sent, answers }));
