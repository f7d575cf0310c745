// stream-chat types custom fields by declaration merging; these are the ones the tests write.
import 'stream-chat';

declare module 'stream-chat' {
  interface CustomUserData {
    team?: string;
  }
}
