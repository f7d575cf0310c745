/**
 * The custom fields the bridge sets on Stream objects, at their top level (the core's contract
 * with chat UIs). Declared here so the SDK's types know them in the app and its tests.
 */
declare module 'stream-chat' {
  interface CustomUserData {
    /** An SMS member: `'active'` gets texts, `'opted_out'` texted STOP. Web-only users: none. */
    smsbridge_sms?: 'active' | 'opted_out';
  }
  interface CustomMessageData {
    /** What posted the message for the bridge: a member's text, or a bot's answer. */
    smsbridge_source?: 'sms' | 'bot';
  }
}

export {};
