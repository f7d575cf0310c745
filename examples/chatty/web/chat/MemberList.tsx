import type { UserResponse } from 'stream-chat';
import { MemberMarks } from './marks.js';

/** Online first, then by name: who can answer now comes first. */
function byPresenceThenName(a: UserResponse, b: UserResponse): number {
  if (Boolean(a.online) !== Boolean(b.online)) return a.online ? -1 : 1;
  return (a.name ?? a.id).localeCompare(b.name ?? b.id);
}

/** The channel's members with their marks (SMS, texts off, away, bot). */
export function MemberList({
  id,
  members,
  ownUserId,
}: {
  id: string;
  members: UserResponse[];
  ownUserId: string | undefined;
}) {
  return (
    <section id={id} className="member-list" aria-label="Members">
      <ul>
        {[...members].sort(byPresenceThenName).map((user) => (
          <li key={user.id}>
            <span className={`presence${user.online ? ' presence--online' : ''}`} aria-hidden />
            <span className="member-name">
              {user.name ?? user.id}
              {user.id === ownUserId && ' (you)'}
            </span>
            <MemberMarks user={user} />
          </li>
        ))}
      </ul>
    </section>
  );
}
