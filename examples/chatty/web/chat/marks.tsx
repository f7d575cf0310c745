import { createContext, useContext } from 'react';
import type { UserResponse } from 'stream-chat';

/** A short label next to a member's name, and what it means (its tooltip). */
export interface Mark {
  label: 'bot' | 'SMS' | 'texts off' | 'away';
  title: string;
}

/** The bot's user id, from /config.json: the bot is never online, but it is not "away". */
export const BotIdContext = createContext<string | undefined>(undefined);

/**
 * How Chatty marks a member: "SMS" for an SMS member (the bridge's `smsbridge_sms` field),
 * "texts off" once they texted STOP, "away" while offline (mentions then go out by text), and
 * "bot" for the bot alone.
 */
export function memberMarks(user: Partial<UserResponse>, botId: string | undefined): Mark[] {
  if (botId !== undefined && user.id === botId) {
    return [{ label: 'bot', title: 'Answers messages that @mention it' }];
  }
  const marks: Mark[] = [];
  if (user.smsbridge_sms === 'active' || user.smsbridge_sms === 'opted_out') {
    marks.push({ label: 'SMS', title: 'Takes part by text message' });
  }
  if (user.smsbridge_sms === 'opted_out') {
    marks.push({ label: 'texts off', title: 'Texted STOP: gets no texts' });
  }
  if (!user.online) marks.push({ label: 'away', title: 'Offline' });
  return marks;
}

/** The marks of `user`, as small labels. */
export function MemberMarks({ user }: { user: Partial<UserResponse> }) {
  const marks = memberMarks(user, useContext(BotIdContext));
  if (marks.length === 0) return null;
  return (
    <span className="marks">
      {marks.map((mark) => (
        <span
          key={mark.label}
          className={`mark mark--${mark.label.replace(' ', '-')}`}
          title={mark.title}
        >
          {mark.label}
        </span>
      ))}
    </span>
  );
}
