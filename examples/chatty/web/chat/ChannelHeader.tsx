import { useChannelStateContext } from 'stream-chat-react';
import { useChannelMembers } from './useChannelMembers.js';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The channel's header: its name and a live "N members · M online". stream-chat-react's own
 * header calls a two-member channel a direct message ("Online"/"Offline") and reads a member
 * count that does not follow joins and leaves; Chatty's channel is a group however many have
 * joined. Same classes, so the same look.
 */
export function ChannelHeader({ fallbackName }: { fallbackName: string }) {
  const { channel } = useChannelStateContext('ChattyChannelHeader');
  const members = useChannelMembers(channel);
  const online = members.filter((user) => user.online).length;
  const name = (channel.data as { name?: string } | undefined)?.name ?? fallbackName;

  return (
    <div className="str-chat__channel-header chatty-channel-header">
      <div className="str-chat__channel-header__start" />
      <div className="str-chat__channel-header__data">
        <div className="str-chat__channel-header__data__title">{name}</div>
        <div className="str-chat__channel-header__data__subtitle">
          {plural(members.length, 'member', 'members')} · {online} online
        </div>
      </div>
      <div className="str-chat__channel-header__end" />
    </div>
  );
}
