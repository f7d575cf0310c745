/**
 * Every text the bridge sends, with `{placeholders}`. Override any of them (to translate, or to
 * match your brand) with the `messages` option of `createBridge()`.
 */
export interface BridgeMessages {
  /** A chat message mentioning an SMS member. `{author}`, `{text}`, `{channel}`. */
  chatNotification: string;
  /** Reply to HELP / INFO. `{channel}`. */
  help: string;
  /** Reply to START / YES / UNSTOP from an opted-out member. `{channel}`. */
  welcomeBack: string;
  /** Reply to a number that is not signed up. `{channel}`, `{signupUrl}`. */
  signup: string;
  /** Reply to a number that is not signed up, when no `signupUrl` is configured. `{channel}`. */
  signupWithoutLink: string;
  /**
   * Reply to STOP and friends. Empty by default: Twilio's own opt-out handling already confirms,
   * and a second confirmation is a text the member asked not to get.
   */
  optOutConfirmation: string;
  /** The verification code text. `{code}`, `{channel}`, `{minutes}`. */
  verificationCode: string;
}

/** The default texts (English). */
export const DEFAULT_MESSAGES: BridgeMessages = {
  chatNotification: 'Chat from @{author}:\n\n{text}',
  help: '{channel} by SMS: reply to talk in the chat; @Ada Lovelace (or @Ada) mentions Ada. Reply STOP to stop texts, START to resume. Msg&data rates may apply.',
  welcomeBack: "Welcome back to {channel}! You'll get texts again. Reply STOP to stop.",
  signup: 'This number is not signed up for {channel}. Sign up at {signupUrl}',
  signupWithoutLink: 'This number is not signed up for {channel}.',
  optOutConfirmation: '',
  verificationCode: 'Your {channel} code is {code}. It expires in {minutes} minutes.',
};
