import { useEffect, useState } from 'react';
import type { Channel, Event, UserResponse } from 'stream-chat';

/** The channel's member users, each with the newest user an event brought laid over it. */
function readMembers(channel: Channel, latest: Map<string, UserResponse>): UserResponse[] {
  return Object.values(channel.state.members).flatMap((member) =>
    member.user ? [{ ...member.user, ...latest.get(member.user.id) }] : [],
  );
}

/**
 * The channel's members, live: re-read when members join, leave or change, and when anyone's
 * presence or profile changes. The SDK updates a member's user on presence events only for
 * users it has linked to the channel, which a member who joined while the page was open is not:
 * the newest user from those events is kept here and laid over the member's.
 */
export function useChannelMembers(channel: Channel): UserResponse[] {
  const [latest] = useState(() => new Map<string, UserResponse>());
  const [members, setMembers] = useState(() => readMembers(channel, latest));
  useEffect(() => {
    const read = () => readMembers(channel, latest);
    const onMember = (event: Event) => {
      // A member event carries the member's current user: newer than any kept one.
      if (event.user) latest.delete(event.user.id);
      setMembers(read());
    };
    const onUser = (event: Event) => {
      if (event.user) latest.set(event.user.id, event.user);
      setMembers(read());
    };
    const client = channel.getClient();
    const subscriptions = [
      channel.on('member.added', onMember),
      channel.on('member.removed', onMember),
      channel.on('member.updated', onMember),
      // Presence events carry no channel: they reach client listeners only.
      client.on('user.presence.changed', onUser),
      client.on('user.updated', onUser),
    ];
    setMembers(read());
    return () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    };
  }, [channel, latest]);
  return members;
}
